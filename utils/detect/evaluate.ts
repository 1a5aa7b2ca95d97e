/**
 * Evaluation helpers for bench/detect.ts: precision/recall/F1, per-category F1, and the plain
 * keyword alert list that monitoring tools offer today, as the baseline to beat. Not used by
 * `detect()`; kept pure so the bench and the tests share it.
 */
import type { ViolationCategory } from '../schemas';
import { CATEGORIES } from './features';
import { normalise } from './text';

/** One labelled example. */
export interface Example {
  id: string;
  lang: string;
  label: 'positive' | 'negative';
  categories: ViolationCategory[];
  text: string;
  uncertain?: boolean;
}

/** A system's answer for one example. */
export interface Prediction {
  positive: boolean;
  categories: ViolationCategory[];
}

/** Precision, recall, F1 and the counts behind them. */
export interface Prf {
  p: number;
  r: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  n: number;
}

/** Binary precision/recall/F1 over examples and predictions in the same order. */
export function prf(gold: boolean[], pred: boolean[]): Prf {
  let tp = 0,
    fp = 0,
    fn = 0;
  gold.forEach((g, i) => {
    const p = pred[i] ?? false;
    if (g && p) tp++;
    else if (p) fp++;
    else if (g) fn++;
  });
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, tp, fp, fn, n: gold.length };
}

/** F1 per category (over all examples, negatives included) and their macro average over the categories present in the gold labels. */
export function categoryF1(
  examples: Example[],
  preds: Prediction[],
): { macro: number; per: Partial<Record<ViolationCategory, Prf>> } {
  const per: Partial<Record<ViolationCategory, Prf>> = {};
  let sum = 0,
    count = 0;
  for (const c of CATEGORIES) {
    const gold = examples.map((e) => e.label === 'positive' && e.categories.includes(c));
    if (!gold.some(Boolean)) continue;
    const r = prf(
      gold,
      preds.map((p) => p.positive && p.categories.includes(c)),
    );
    per[c] = r;
    sum += r.f1;
    count++;
  }
  return { macro: count ? sum / count : 0, per };
}

// ~50 stems a keyword alert list would hold, each tied to the category it suggests.
const KEYWORDS: Array<[string, ViolationCategory]> = [
  ['задерж', 'arbitrary_detention'],
  ['арест', 'arbitrary_detention'],
  ['облав', 'arbitrary_detention'],
  ['рейд', 'arbitrary_detention'],
  ['затрим', 'arbitrary_detention'],
  ['заарешт', 'arbitrary_detention'],
  ['detain', 'arbitrary_detention'],
  ['detention', 'arbitrary_detention'],
  ['arrest', 'arbitrary_detention'],
  ['raid', 'arbitrary_detention'],
  ['военкомат', 'forced_conscription'],
  ['повестк', 'forced_conscription'],
  ['мобилиз', 'forced_conscription'],
  ['призыв', 'forced_conscription'],
  ['тцк', 'forced_conscription'],
  ['повістк', 'forced_conscription'],
  ['мобіліз', 'forced_conscription'],
  ['військкомат', 'forced_conscription'],
  ['conscript', 'forced_conscription'],
  ['draft', 'forced_conscription'],
  ['mobilis', 'forced_conscription'],
  ['military', 'forced_conscription'],
  ['summons', 'forced_conscription'],
  ['пыт', 'torture_ill_treatment'],
  ['изби', 'torture_ill_treatment'],
  ['катув', 'torture_ill_treatment'],
  ['побит', 'torture_ill_treatment'],
  ['tortur', 'torture_ill_treatment'],
  ['beat', 'torture_ill_treatment'],
  ['похищ', 'enforced_disappearance'],
  ['пропал', 'enforced_disappearance'],
  ['викра', 'enforced_disappearance'],
  ['зник', 'enforced_disappearance'],
  ['disappear', 'enforced_disappearance'],
  ['abduct', 'enforced_disappearance'],
  ['альтернативн', 'conscientious_objection_denied'],
  ['alternative service', 'conscientious_objection_denied'],
  ['иноагент', 'persecution_of_defenders'],
  ['нежелательн', 'persecution_of_defenders'],
  ['правозащит', 'persecution_of_defenders'],
  ['іноагент', 'persecution_of_defenders'],
  ['правозахис', 'persecution_of_defenders'],
  ['foreign agent', 'persecution_of_defenders'],
  ['undesirable', 'persecution_of_defenders'],
  ['приговор', 'political_prosecution'],
  ['дискредит', 'political_prosecution'],
  ['фейк', 'political_prosecution'],
  ['засуд', 'political_prosecution'],
  ['sentenced', 'political_prosecution'],
  ['умер', 'death_in_custody'],
  ['помер', 'death_in_custody'],
  ['died', 'death_in_custody'],
  ['угрож', 'threats_intimidation'],
  ['погрож', 'threats_intimidation'],
  ['threat', 'threats_intimidation'],
];
const WORD_START = /[\p{L}\p{N}]+/gu;

/** The keyword alert list: a text is flagged when any stem starts a word (or phrase) in it. */
export function keywordBaseline(text: string): Prediction {
  const norm = normalise(text);
  const words = new Set<string>();
  for (const m of norm.matchAll(WORD_START)) words.add(m[0]);
  const cats = new Set<ViolationCategory>();
  for (const [kw, c] of KEYWORDS) {
    const hit = kw.includes(' ') ? norm.includes(kw) : [...words].some((w) => w.startsWith(kw));
    if (hit) cats.add(c);
  }
  return { positive: cats.size > 0, categories: [...cats] };
}
