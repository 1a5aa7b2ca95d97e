/**
 * The combining model: a logistic regression over the document features, then categories and
 * passages read off the same evidence.
 */
import type { ViolationCategory } from '../schemas';
import { CATEGORIES, FEATURES, type Analysis } from './features';
import type { DetectedPassage } from './types';

/** Logistic weights plus the category rule's two thresholds. */
export interface ModelWeights {
  bias: number;
  /** One weight per entry of FEATURES. */
  w: number[];
  /** A category needs at least this much evidence... */
  catMin: number;
  /** ...and at least this fraction of the strongest category's evidence. */
  catRatio: number;
}

/** Decision threshold on the score. */
export const THRESHOLD = 0.5;
const MAX_PASSAGES = 8;
const MIN_PASSAGE_STRENGTH = 0.8;

/** The logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The model's logit for a feature vector. */
export function logit(weights: ModelWeights, x: readonly number[]): number {
  let z = weights.bias;
  for (let i = 0; i < FEATURES.length; i++) z += (weights.w[i] ?? 0) * (x[i] ?? 0);
  return z;
}

/** Categories above the thresholds, strongest first, scaled by the document score. */
export function categoriesOf(
  weights: ModelWeights,
  a: Analysis,
  score: number,
): Array<{ id: ViolationCategory; score: number }> {
  let max = 0;
  for (const e of a.evidence) max = Math.max(max, e);
  const out: Array<{ id: ViolationCategory; score: number }> = [];
  if (max <= 0) return [{ id: 'other', score: round(score) }];
  CATEGORIES.forEach((id, i) => {
    const e = a.evidence[i] ?? 0;
    if (e >= weights.catMin && e >= weights.catRatio * max)
      out.push({ id, score: round(score * Math.min(1, e / max)) });
  });
  if (out.length === 0) {
    // Evidence too thin for any one category: name the strongest rather than none.
    const i = a.evidence.indexOf(max);
    out.push({ id: CATEGORIES[i] ?? 'other', score: round(score) });
  }
  return out.sort((x, y) => y.score - x.score);
}

/** The sentences that carried the decision, strongest first. */
export function passagesOf(
  a: Analysis,
  sentenceSpan: (s: number) => [number, number],
): DetectedPassage[] {
  const order = [...a.strength.keys()].filter((s) => (a.strength[s] ?? 0) >= MIN_PASSAGE_STRENGTH);
  order.sort((x, y) => (a.strength[y] ?? 0) - (a.strength[x] ?? 0));
  const top = a.strength[order[0] ?? 0] ?? 1;
  return order.slice(0, MAX_PASSAGES).map((s) => {
    const cats = a.sentenceCats[s];
    let best = 0;
    if (cats)
      for (let c = 1; c < cats.length; c++) if ((cats[c] ?? 0) > (cats[best] ?? 0)) best = c;
    const [start, end] = sentenceSpan(s);
    const category: ViolationCategory =
      cats && (cats[best] ?? 0) > 0 ? (CATEGORIES[best] ?? 'other') : 'other';
    return { start, end, category, score: round((a.strength[s] ?? 0) / top) };
  });
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
