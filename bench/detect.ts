/**
 * Detection bench: `npx tsx bench/detect.ts` (or `npm run bench:detect`).
 *
 * Evaluates detect() and a plain keyword alert list on the real development set
 * (../shared/data/detect-dev.jsonl, `uncertain` left out) and on our own evaluation set
 * (bench/detect-data/eval.jsonl, never tuned on), then times a 50 KB article and a 2 MB page.
 *
 *   --fit           refit the model on bench/detect-data/train.jsonl only; rewrite weights.ts
 *   --errors SET    list the mistakes on `train` or `dev` (the sets one may tune on)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { detect } from '../utils/detect/index';
import { analyseText } from '../utils/detect/engine';
import {
  categoryF1,
  keywordBaseline,
  prf,
  type Example,
  type Prediction,
} from '../utils/detect/evaluate';
import { FEATURES } from '../utils/detect/features';
import { fitLogistic } from '../utils/detect/fit';
import { categoriesOf, sigmoid, logit, type ModelWeights } from '../utils/detect/model';
import { WEIGHTS } from '../utils/detect/weights';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEV = resolve(root, '../shared/data/detect-dev.jsonl');
const OWN = resolve(root, 'bench/detect-data');

function load(path: string): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);
}

const ours = (e: Example): Prediction => {
  const r = detect(e.text);
  return { positive: r.is_violation, categories: r.categories.map((c) => c.id) };
};
const f = (x: number): string => x.toFixed(3);

function table(set: string, examples: Example[]): void {
  const systems: Array<[string, (e: Example) => Prediction]> = [
    ['detect', ours],
    ['keywords', (e) => keywordBaseline(e.text)],
  ];
  for (const [name, run] of systems) {
    const preds = examples.map(run);
    const langs = [...new Set(examples.map((e) => e.lang))].sort();
    for (const lang of [...langs, 'all']) {
      const idx = examples
        .map((e, i) => (lang === 'all' || e.lang === lang ? i : -1))
        .filter((i) => i >= 0);
      const sub = idx.map((i) => examples[i] as Example);
      const subPreds = idx.map((i) => preds[i] as Prediction);
      const r = prf(
        sub.map((e) => e.label === 'positive'),
        subPreds.map((p) => p.positive),
      );
      const c = categoryF1(sub, subPreds);
      console.log(
        `| ${set.padEnd(8)} | ${name.padEnd(8)} | ${lang.padEnd(3)} | ${String(r.n).padStart(3)} | ${f(r.p)} | ${f(r.r)} | ${f(r.f1)} | ${f(c.macro)} | ${r.tp}/${r.fp}/${r.fn} |`,
      );
    }
  }
}

function perCategory(set: string, examples: Example[]): void {
  const c = categoryF1(examples, examples.map(ours));
  const parts = Object.entries(c.per).map(([k, v]) => `${k} ${f(v.f1)} (n=${v.tp + v.fn})`);
  console.log(`${set} per-category F1 (detect): ${parts.join(', ')}`);
}

function errors(examples: Example[]): void {
  for (const e of examples) {
    const r = detect(e.text);
    const gold = e.label === 'positive';
    const cats = r.categories.map((c) => c.id).join(',');
    const catMiss = gold && r.is_violation && e.categories.some((c) => !cats.includes(c));
    if (r.is_violation !== gold || catMiss) {
      const x = analyseText(e.text)
        .analysis.x.map((v, i) => `${FEATURES[i]}=${v.toFixed(2)}`)
        .filter((s) => !s.endsWith('=0.00'));
      console.log(
        `${gold ? 'FN' : 'FP'}${catMiss ? '(cat)' : ''} ${e.id} score=${r.score} gold=[${e.categories.join(',')}] got=[${cats}]\n   ${x.join(' ')}\n   ${e.text.slice(0, 160).replace(/\n/g, ' ')}`,
      );
    }
  }
}

function fit(): void {
  const train = load(resolve(OWN, 'train.jsonl'));
  const analyses = train.map((e) => analyseText(e.text).analysis);
  const ys = train.map((e) => e.label === 'positive');
  const { bias, w } = fitLogistic(
    analyses.map((a) => a.x),
    ys,
  );
  // Category thresholds: the grid point with the best macro category F1 on the training set.
  let best: ModelWeights = { bias, w, catMin: 1, catRatio: 0.35 };
  let bestF = -1;
  for (const catMin of [0.5, 0.8, 1, 1.3, 1.6, 2]) {
    for (const catRatio of [0.2, 0.3, 0.4, 0.5, 0.6]) {
      const m: ModelWeights = { bias, w, catMin, catRatio };
      const preds = analyses.map((a) => {
        const s = sigmoid(logit(m, a.x));
        return { positive: s >= 0.5, categories: categoriesOf(m, a, s).map((c) => c.id) };
      });
      const mf = categoryF1(train, preds).macro;
      if (mf > bestF) [bestF, best] = [mf, m];
    }
  }
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  const file = resolve(root, 'utils/detect/weights.ts');
  const src = readFileSync(file, 'utf8');
  const body = `export const WEIGHTS: ModelWeights = {\n  bias: ${r(best.bias)},\n  w: [${best.w.map(r).join(', ')}],\n  catMin: ${best.catMin},\n  catRatio: ${best.catRatio},\n};\n`;
  writeFileSync(file, src.replace(/export const WEIGHTS[\s\S]*$/, body));
  console.log(`fitted on ${train.length} training texts; train macro category F1 ${f(bestF)}`);
  console.log(
    FEATURES.map((n, i) => `${n}=${r(best.w[i] ?? 0)}`).join(' '),
    `bias=${r(best.bias)}`,
  );
}

function timeIt(text: string, repeats: number): { median: number; p95: number; all: number[] } {
  const all: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    detect(text);
    all.push(performance.now() - t0);
  }
  const s = [...all].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)] ?? 0,
    p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? 0,
    all,
  };
}

function speed(pool: Example[]): void {
  const grow = (chars: number): string => {
    const parts: string[] = [];
    let n = 0;
    for (let i = 0; n < chars; i++) {
      const t = (pool[i % pool.length] as Example).text;
      parts.push(t);
      n += t.length + 2;
    }
    return parts.join('\n\n').slice(0, chars);
  };
  const article = grow(50 * 1024);
  const page = grow(2 * 1024 * 1024);
  detect(article); // warm-up: lexicon compile and JIT
  const a = timeIt(article, 40);
  const kb = Buffer.byteLength(article, 'utf8') / 1024;
  const total = a.all.reduce((x, y) => x + y, 0);
  console.log(
    `50 KB article (${article.length} chars, ${kb.toFixed(0)} KB UTF-8): median ${a.median.toFixed(1)} ms, p95 ${a.p95.toFixed(1)} ms; throughput ${((kb * a.all.length) / (total / 1000)).toFixed(0)} KB/s`,
  );
  const heap0 = process.memoryUsage().heapUsed;
  const p = timeIt(page, 5);
  console.log(
    `2 MB page (${page.length} chars; first 600 K analysed): median ${p.median.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms`,
  );
  const mb = (x: number): string => (x / 1024 / 1024).toFixed(0);
  console.log(
    `peak memory: max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB, heap now ${mb(process.memoryUsage().heapUsed)} MB (${mb(heap0)} MB before the 2 MB runs)`,
  );
}

const args = process.argv.slice(2);
if (args[0] === '--fit') fit();
else if (args[0] === '--errors') {
  const set = args[1];
  if (set !== 'train' && set !== 'dev')
    throw new Error('--errors takes train or dev (eval is never tuned on)');
  errors(set === 'dev' ? load(DEV).filter((e) => !e.uncertain) : load(resolve(OWN, 'train.jsonl')));
} else {
  console.log(`weights: ${WEIGHTS.w.length} features, bias ${WEIGHTS.bias}`);
  console.log('| set      | system   | lng |   n | P     | R     | F1    | catF1 | tp/fp/fn |');
  console.log('|----------|----------|-----|-----|-------|-------|-------|-------|----------|');
  const dev = existsSync(DEV) ? load(DEV).filter((e) => !e.uncertain) : [];
  if (dev.length) table('dev', dev);
  else console.log(`(no dev set at ${DEV})`);
  const own = load(resolve(OWN, 'eval.jsonl'));
  table('own-eval', own);
  if (dev.length) perCategory('dev', dev);
  perCategory('own-eval', own);
  speed(dev.length ? dev : own);
}
