/**
 * Fits the word-scope model (src/core/match/word-scope.ts): L2-penalised
 * logistic regression over which canonical tokens and bigrams a message has.
 * Thousands of sparse features, so not Newton's method as for the small
 * models: cyclic coordinate descent, one damped Newton step per weight in
 * turn (the method liblinear uses), a fixed number of rounds in a fixed
 * order, so a refit gives the same weights to the last digit.
 */
import { withBigrams } from '../../src/core/match/bigrams.js';
import { sigmoid } from '../../src/core/match/logistic.js';
import type { Exemplar } from '../../src/core/match/exemplars.js';
import type { WordScopeModel } from '../../src/core/match/word-scope.js';

/** Prior strength per weight (a Gaussian of variance 1/L2): a word seen in one or two messages stays small. */
const L2 = 2;
const ITERATIONS = 30;
/** A single step moves a weight at most this far: a word seen only in answerable messages must not jump to infinity. */
const MAX_STEP = 1;
/** Weights smaller than this are left out of the committed model: they move no decision. */
const KEEP = 0.01;
/** A feature must occur in this many messages to get a weight: one message says nothing general. */
const MIN_COUNT = 2;

export function fitWordScope(exemplars: readonly Exemplar[]): WordScopeModel {
  const counts = new Map<string, number>();
  const rows = exemplars.map((e) => ({ features: withBigrams(e.tokens), y: e.answers.length > 0 ? 1 : 0 }));
  for (const r of rows) for (const f of r.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts.keys()].filter((f) => (counts.get(f) as number) >= MIN_COUNT).sort();
  const slot = new Map(names.map((f, i) => [f, i]));
  const xs = rows.map((r) => ({ idx: r.features.flatMap((f) => slot.get(f) ?? []), y: r.y }));
  const w = new Float64Array(names.length);
  // Rows per feature, the bias (slot names.length) in every row.
  const rowsOf: number[][] = Array.from({ length: names.length + 1 }, () => []);
  xs.forEach((x, r) => {
    for (const i of x.idx) (rowsOf[i] as number[]).push(r);
    (rowsOf[names.length] as number[]).push(r);
  });
  let bias = 0;
  const z = new Float64Array(xs.length);
  for (let it = 0; it < ITERATIONS; it++) {
    for (let j = 0; j <= names.length; j++) {
      const isBias = j === names.length;
      const current = isBias ? bias : (w[j] as number);
      const penalty = isBias ? 0 : L2;
      let g = penalty * current;
      let h = penalty + 1e-9;
      for (const r of rowsOf[j] as number[]) {
        const p = sigmoid(z[r] as number);
        g += p - ((xs[r] as { y: number }).y);
        h += p * (1 - p);
      }
      const step = Math.max(-MAX_STEP, Math.min(MAX_STEP, -g / h));
      if (step === 0) continue;
      if (isBias) bias += step;
      else w[j] = current + step;
      for (const r of rowsOf[j] as number[]) z[r] = (z[r] as number) + step;
    }
  }
  const kept: string[] = [];
  const weights: number[] = [];
  names.forEach((f, i) => {
    const v = Math.round((w[i] as number) * 1e3) / 1e3;
    if (Math.abs(v) < KEEP) return;
    kept.push(f);
    weights.push(v);
  });
  return { bias: Math.round(bias * 1e3) / 1e3, features: kept, weights };
}
