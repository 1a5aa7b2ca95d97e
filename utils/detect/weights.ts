/**
 * Weights of the combining model, in FEATURES order (features.ts). Hand-set starting values;
 * `npx tsx bench/detect.ts --fit` refits them on bench/detect-data/train.jsonl only and
 * rewrites this file.
 */
import type { ModelWeights } from './model';

/** The shipped weights. */
export const WEIGHTS: ModelWeights = {
  bias: -1.199,
  w: [0.78, 0.48, 0.425, 0.362, 0.508, 0.55, 0.011, 1.3, 0, -0.344, -0.391, -0.296, -0.417, -0.412, -0.148],
  catMin: 0.5,
  catRatio: 0.2,
};
