/**
 * Offline fitting of the combining model (run by `npx tsx bench/detect.ts --fit`, never at run
 * time): sign-constrained, L2-regularised logistic regression by full-batch gradient descent.
 * The signs are fixed by meaning — evidence of abuse may only raise the score, battle or
 * weather framing may only lower it — so a small training set cannot learn a perverse weight.
 */
import { FEATURES } from './features';
import { sigmoid } from './model';

/** Features with a weight that may only be ≥ 0 (the rest may only be ≤ 0). */
const POSITIVE = new Set<string>([
  'abuse',
  'abuse_ctx',
  'abuse_actor',
  'action_ctx',
  'political',
  'victim',
  'death_custody',
  'peak',
  'pol_article',
]);

/** Fits bias and weights to (x, y) pairs. */
export function fitLogistic(
  xs: number[][],
  ys: boolean[],
  opts: { l2?: number; steps?: number; rate?: number } = {},
): { bias: number; w: number[] } {
  const l2 = opts.l2 ?? 0.05;
  const steps = opts.steps ?? 4000;
  const rate = opts.rate ?? 0.3;
  const d = FEATURES.length;
  const w = new Array<number>(d).fill(0);
  let bias = 0;
  const n = xs.length;
  for (let it = 0; it < steps; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i] ?? [];
      let z = bias;
      for (let j = 0; j < d; j++) z += (w[j] ?? 0) * (x[j] ?? 0);
      const err = sigmoid(z) - (ys[i] ? 1 : 0);
      gb += err;
      for (let j = 0; j < d; j++) gw[j] = (gw[j] ?? 0) + err * (x[j] ?? 0);
    }
    bias -= (rate * gb) / n;
    for (let j = 0; j < d; j++) {
      let v = (w[j] ?? 0) - rate * ((gw[j] ?? 0) / n + l2 * (w[j] ?? 0));
      // Project onto the allowed sign.
      v = POSITIVE.has(FEATURES[j] ?? '') ? Math.max(0, v) : Math.min(0, v);
      w[j] = v;
    }
  }
  return { bias, w };
}
