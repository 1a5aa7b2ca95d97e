/**
 * Weights of the combining model, in FEATURES order (features.ts). Hand-set starting values;
 * `npx tsx bench/detect.ts --fit` refits them on bench/detect-data/train.jsonl only and
 * rewrites this file.
 */
import type { ModelWeights } from './model';

/** The shipped weights. */
export const WEIGHTS: ModelWeights = {
  bias: -1.262,
  w: [
    0.8, 0.505, 0.446, 0.377, 0.501, 0.516, 0.06, 1.357, 0, -0.338, -0.386, -0.285, -0.423, -0.41,
    -0.141,
  ],
  catMin: 0.5,
  catRatio: 0.2,
};
