/**
 * Fits the entry-words model (src/core/match/entry-words.ts): softmax
 * regression over the presence of tokens and bigrams, an L2 prior per weight,
 * by full-batch AdaGrad steps (a step per weight scaled by its own gradient
 * history, so rare words learn as fast as common ones), a fixed count in a
 * fixed order, so a refit gives the same weights.
 */
import { withBigrams } from '../../src/core/match/bigrams.js';
import type { EntryWordsModel } from '../../src/core/match/entry-words.js';

const L2 = 1;
const ITERATIONS = 150;
const RATE = 0.5;
/** Weights smaller than this are left out of the committed model: they move no decision. */
const KEEP = 0.2;

export interface LabelledTokens {
  tokens: readonly string[];
  /** The entries that answer it; the target is spread evenly over them. */
  answers: readonly string[];
}

export function fitEntryWords(rows: readonly LabelledTokens[], ids: readonly string[]): EntryWordsModel {
  const slotOf = new Map(ids.map((id, i) => [id, i]));
  const data = rows
    .map((r) => ({ features: withBigrams(r.tokens), targets: r.answers.flatMap((a) => slotOf.get(a) ?? []) }))
    .filter((r) => r.targets.length > 0);
  const names = [...new Set(data.flatMap((r) => r.features))].sort();
  const fslot = new Map(names.map((f, i) => [f, i]));
  const xs = data.map((r) => ({ idx: r.features.map((f) => fslot.get(f) as number), targets: r.targets }));
  const K = ids.length;
  const W = new Float64Array(names.length * K);
  const b = new Float64Array(K);
  const G = new Float64Array(names.length * K);
  const gb = new Float64Array(K);
  const AW = new Float64Array(names.length * K);
  const Ab = new Float64Array(K);
  for (let it = 0; it < ITERATIONS; it++) {
    G.fill(0);
    gb.fill(0);
    for (const { idx, targets } of xs) {
      const z = Array.from(b);
      for (const f of idx) for (let k = 0; k < K; k++) z[k] = (z[k] as number) + (W[f * K + k] as number);
      const max = Math.max(...z);
      const e = z.map((v) => Math.exp(v - max));
      const sum = e.reduce((s, v) => s + v, 0);
      for (let k = 0; k < K; k++) {
        const y = targets.includes(k) ? 1 / targets.length : 0;
        const g = (e[k] as number) / sum - y;
        gb[k] = (gb[k] as number) + g;
        for (const f of idx) G[f * K + k] = (G[f * K + k] as number) + g;
      }
    }
    for (let k = 0; k < K; k++) {
      const g = gb[k] as number;
      Ab[k] = (Ab[k] as number) + g * g;
      b[k] = (b[k] as number) - (RATE * g) / (Math.sqrt(Ab[k] as number) + 1e-8);
    }
    for (let i = 0; i < W.length; i++) {
      const g = (G[i] as number) + L2 * (W[i] as number);
      if (g === 0) continue;
      AW[i] = (AW[i] as number) + g * g;
      W[i] = (W[i] as number) - (RATE * g) / (Math.sqrt(AW[i] as number) + 1e-8);
    }
  }
  const kept: string[] = [];
  const offsets = [0];
  const slots: number[] = [];
  const weights: number[] = [];
  names.forEach((f, fi) => {
    const before = slots.length;
    for (let k = 0; k < K; k++) {
      const w = Math.round((W[fi * K + k] as number) * 1e3) / 1e3;
      if (Math.abs(w) < KEEP) continue;
      slots.push(k);
      weights.push(w);
    }
    if (slots.length === before) return;
    kept.push(f);
    offsets.push(slots.length);
  });
  return { ids: [...ids], bias: Array.from(b, (v) => Math.round(v * 1e3) / 1e3), features: kept, offsets, slots, weights };
}
