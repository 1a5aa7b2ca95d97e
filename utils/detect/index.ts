/**
 * Rights-violation detection, on the device: `detect(text)` says whether a text likely
 * describes a violation, of which categories, which sentences carry it, and the facts worth
 * tagging (units, enlistment offices, detention places, articles, dates, places, names).
 *
 * Pure: no browser or Node imports, so it runs in a content script, a Web Worker and Node.
 * Offsets are UTF-16 indices into the given text, so a content script that passes
 * `document.body.innerText` (or its own text-node concatenation) can map passages back to
 * DOM Ranges.
 */
import { analyseText } from './engine';
import { localLogit, type LocalModel } from './feedback';
import { categoriesOf, logit, passagesOf, sigmoid, THRESHOLD } from './model';
import type { DetectionResult, Lang } from './types';
import { WEIGHTS } from './weights';

export type {
  DetectedEntity,
  DetectedPassage,
  DetectionResult,
  EntityType,
  Lang,
  ViolationCategory,
} from './types';
export type { LocalModel } from './feedback';
export { learn, resetModel, parseModel } from './feedback';
export { detectLanguage } from './lang';
export { extractEntities } from './entities';

/** Options of `detect()`. */
export interface DetectOptions {
  /** The profile's learned adjustments (see feedback.ts). */
  model?: LocalModel;
  /** Skip language identification when the caller knows it. */
  lang?: Lang;
}

/** Scores `text` for rights violations and extracts its entities. */
export function detect(text: string, opts: DetectOptions = {}): DetectionResult {
  const t = analyseText(text, opts.lang);
  let z = logit(WEIGHTS, t.analysis.x);
  if (opts.model) z += localLogit(opts.model, t.analysis.x, t.tokens);
  const score = Math.round(sigmoid(z) * 1000) / 1000;
  const isViolation = score >= THRESHOLD;
  return {
    is_violation: isViolation,
    score,
    lang: t.lang,
    categories: isViolation ? categoriesOf(WEIGHTS, t.analysis, score) : [],
    passages: isViolation ? passagesOf(t.analysis, t.span) : [],
    entities: t.entities,
  };
}
