/**
 * Logistic regression by Newton's method (IRLS) with an L2 penalty on every
 * weight but the bias. A handful of features and a few thousand rows: exact
 * Newton steps converge in a dozen iterations, with no learning rate to tune.
 */
import { sigmoid } from '../../src/core/match/logistic.js';

export interface Row {
  x: readonly number[];
  y: 0 | 1;
}

/** Strength of the L2 penalty: enough to keep a rare feature from running off, not tuned. */
export const L2 = 1;
const ITERATIONS = 50;

export function fitLogistic(rows: readonly Row[], dims: number, l2 = L2): number[] {
  let w = new Array<number>(dims).fill(0);
  for (let it = 0; it < ITERATIONS; it++) {
    const grad = new Array<number>(dims).fill(0);
    const hess = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    for (const { x, y } of rows) {
      let z = 0;
      for (let i = 0; i < dims; i++) z += (w[i] as number) * (x[i] ?? 0);
      const p = sigmoid(z);
      const s = p * (1 - p);
      for (let i = 0; i < dims; i++) {
        const xi = x[i] ?? 0;
        grad[i] = (grad[i] as number) + (y - p) * xi;
        const row = hess[i] as number[];
        for (let k = 0; k < dims; k++) row[k] = (row[k] as number) + s * xi * (x[k] ?? 0);
      }
    }
    for (let i = 1; i < dims; i++) {
      grad[i] = (grad[i] as number) - l2 * (w[i] as number);
      (hess[i] as number[])[i] = ((hess[i] as number[])[i] as number) + l2;
    }
    (hess[0] as number[])[0] = ((hess[0] as number[])[0] as number) + 1e-6;
    const step = solve(hess, grad);
    w = w.map((wi, i) => wi + (step[i] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return w.map((x) => Math.round(x * 1e4) / 1e4);
}

/** Gaussian elimination with partial pivoting: A x = b. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const pr = m[c] as number[];
    const pv = pr[c] as number;
    if (Math.abs(pv) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] as number[];
      const f = (row[c] as number) / pv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) row[k] = (row[k] as number) - f * (pr[k] as number);
    }
  }
  return m.map((row, i) => {
    const d = row[i] as number;
    return Math.abs(d) < 1e-12 ? 0 : (row[n] as number) / d;
  });
}
