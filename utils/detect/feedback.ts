/**
 * Learning from the monitor, on the device. A LocalModel is a small online logistic layer on
 * top of the shipped model: a shift per document feature (so "not relevant" on a battle report
 * lowers military-framed texts in general) and weights for hashed word prefixes (so it lowers
 * texts on the same subject). Words are stored as 32-bit hashes, not in clear: a seized
 * device's profile does not list what the monitor read.
 */
import { z } from 'zod';
import { analyseText } from './engine';
import { FEATURES } from './features';
import { logit, sigmoid } from './model';
import type { Tokens } from './text';
import type { Lang } from './types';
import { WEIGHTS } from './weights';

/** Per-profile adjustments; JSON-serialisable as is. */
export const LocalModel = z.object({
  version: z.literal(1),
  /** Number of marks learned from. */
  marks: z.number().int().nonnegative(),
  bias: z.number(),
  /** One shift per entry of FEATURES. */
  w: z.array(z.number()).length(FEATURES.length),
  /** Hashed word prefix (base 36) → weight. */
  words: z.record(z.string(), z.number()),
});
export type LocalModel = z.infer<typeof LocalModel>;

const PREFIX = 6; // a cheap stand-in for a stem, good enough to tell subjects apart
const MIN_WORD = 4;
const MAX_KEYS_PER_TEXT = 400;
const MAX_WORDS = 5000;
const RATE_FEATURES = 0.15;
const RATE_WORDS = 1.2;

/** A model that changes nothing (what "reset" gives). */
export function resetModel(): LocalModel {
  return { version: 1, marks: 0, bias: 0, w: FEATURES.map(() => 0), words: {} };
}

/** Reads a stored model; anything malformed gives a fresh one rather than an error. */
export function parseModel(json: unknown): LocalModel {
  const r = LocalModel.safeParse(json);
  return r.success ? r.data : resetModel();
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Unique hashed word prefixes of a text (the first MAX_KEYS_PER_TEXT). */
export function wordKeys(t: Tokens): string[] {
  const seen = new Set<string>();
  for (const w of t.norm) {
    if (w.length < MIN_WORD || /^\d/.test(w)) continue;
    seen.add(fnv1a(w.slice(0, PREFIX)));
    if (seen.size >= MAX_KEYS_PER_TEXT) break;
  }
  return [...seen];
}

function wordTerm(model: LocalModel, keys: string[]): number {
  if (keys.length === 0) return 0;
  let sum = 0;
  for (const k of keys) sum += model.words[k] ?? 0;
  return sum / Math.sqrt(keys.length);
}

/** The local model's contribution to the logit. */
export function localLogit(model: LocalModel, x: readonly number[], t: Tokens): number {
  let z = model.bias;
  for (let i = 0; i < FEATURES.length; i++) z += (model.w[i] ?? 0) * (x[i] ?? 0);
  return model.marks > 0 ? z + wordTerm(model, wordKeys(t)) : z;
}

/**
 * One step of online logistic regression toward the monitor's mark: `relevant` true for "this
 * is a violation", false for "not relevant". Returns a new model; the old one is unchanged.
 */
export function learn(model: LocalModel, text: string, relevant: boolean, lang?: Lang): LocalModel {
  const t = analyseText(text, lang);
  const keys = wordKeys(t.tokens);
  const x = t.analysis.x;
  const p = sigmoid(logit(WEIGHTS, x) + localLogit(model, x, t.tokens));
  const g = (relevant ? 1 : 0) - p;
  const words = { ...model.words };
  const step = (RATE_WORDS * g) / Math.sqrt(Math.max(1, keys.length));
  for (const k of keys) words[k] = (words[k] ?? 0) + step;
  return {
    version: 1,
    marks: model.marks + 1,
    bias: model.bias + RATE_FEATURES * g * 0.2,
    w: model.w.map((w, i) => w + RATE_FEATURES * g * (x[i] ?? 0)),
    words: prune(words),
  };
}

// Keep the profile small: drop the weakest words past MAX_WORDS.
function prune(words: Record<string, number>): Record<string, number> {
  const keys = Object.keys(words);
  if (keys.length <= MAX_WORDS) return words;
  keys.sort((a, b) => Math.abs(words[b] ?? 0) - Math.abs(words[a] ?? 0));
  return Object.fromEntries(keys.slice(0, MAX_WORDS).map((k) => [k, words[k] ?? 0]));
}
