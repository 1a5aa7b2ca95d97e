/**
 * bench/capture: capture time per article in headless Chromium with the built extension,
 * split by stage, over generated local article pages (bench/make-pages.mjs).
 * Run: npm run bench:capture   (env BENCH_PAGES=n, default 24; needs `npm run build:e2e`)
 */
import { execFileSync } from 'node:child_process';
import { launch, openPage } from '../e2e/browser';
import { startServer } from '../e2e/server';
import { makeBenchPages } from './make-pages.mjs';
import { median, p95, table, treeRss } from './stats';

interface Timings {
  [stage: string]: number;
}

const n = Number(process.env.BENCH_PAGES ?? 24);
const pages = makeBenchPages(n) as Array<{ name: string; html: string }>;
const server = await startServer();
for (const p of pages) server.extra.set(`/bench/${p.name}`, p.html);
const ext = await launch();
const pid = Number(execFileSync('pgrep', ['-o', '-f', ext.profile]).toString().trim());

const results: Timings[] = [];
let peak = 0;
const sampler = setInterval(() => void treeRss(pid).then((r) => (peak = Math.max(peak, r))), 100);
const t0 = performance.now();
for (const p of pages) {
  const { page, tabId } = await openPage(ext, server.url(`/bench/${p.name}`));
  const sw = await ext.worker();
  const res = await sw.evaluate(async (id) => {
    const hooks = (
      globalThis as unknown as {
        __protokol: {
          runCapture(
            id: number,
          ): Promise<{ ok: boolean; timings?: Record<string, number>; error?: unknown }>;
        };
      }
    ).__protokol;
    return hooks.runCapture(id);
  }, tabId);
  if (!res.ok || !res.timings)
    throw new Error(`capture of ${p.name} failed: ${JSON.stringify(res.error)}`);
  results.push(res.timings);
  await page.close();
}
const wall = (performance.now() - t0) / 1000;
clearInterval(sampler);
peak = Math.max(peak, await treeRss(pid));
await ext.close();
await server.close();

const stages: Array<[string, string]> = [
  ['screenshot', 'screenshot (captureVisibleTab)'],
  ['page_snapshot', 'DOM snapshot'],
  ['page_readability', 'Readability'],
  ['page_metadata', 'metadata'],
  ['collect', 'in-page total (inject+collect+transfer)'],
  ['served', 'HTML as served (re-fetch)'],
  ['mhtml', 'MHTML (pageCapture)'],
  ['fullpage', 'full-page screenshot (views + stitch)'],
  ['fullpage_frames', '  views (0.5 s each: the quota)'],
  ['hash', 'hashing (SHA-256)'],
  ['store_write', 'store write (IndexedDB tx)'],
  ['store', 'store total (hash+write)'],
  ['total', 'TOTAL per article'],
  ['total_without_fullpage', 'TOTAL without the full-page screenshot'],
];
for (const r of results)
  if (r.total !== undefined) r.total_without_fullpage = r.total - (r.fullpage ?? 0);
const rows = stages
  .filter(([k]) => results.some((r) => r[k] !== undefined))
  .map(([k, label]) => {
    const xs = results.map((r) => r[k] ?? 0);
    return {
      stage: label,
      'median ms': median(xs).toFixed(1),
      'p95 ms': p95(xs).toFixed(1),
      'max ms': Math.max(...xs).toFixed(1),
    };
  });
console.log(
  `bench/capture: ${results.length} articles, headless Chromium, ${new Date().toISOString()}`,
);
console.log(table(rows));
console.log(
  `throughput: ${(results.length / wall).toFixed(2)} articles/s (wall ${wall.toFixed(1)} s, including tab open/close)`,
);
console.log(
  `peak browser memory (RSS of the Chromium process tree): ${(peak / 1024 / 1024).toFixed(0)} MB`,
);
const med = median(results.map((r) => r.total ?? 0));
console.log(
  `target: median <= 1000 ms per article: ${med <= 1000 ? 'MET' : 'NOT MET'} (${med.toFixed(0)} ms)`,
);
