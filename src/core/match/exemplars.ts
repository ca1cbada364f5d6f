import { withBigrams } from './match-index.js';

/**
 * Questions people really asked, labelled with the entry that answers them or
 * with `null` for the ones the bot must not answer, learned from the fitting
 * part of the evaluation data (never from the part that is judged). They are
 * evidence, not answers: how close a message is to earlier answerable
 * questions, to earlier off-topic ones, and to earlier questions about each
 * entry, as features the fitted model weighs.
 */
export interface Exemplar {
  /** Canonical tokens of the question, in order. */
  tokens: readonly string[];
  /** The entries that answer it, or empty when the bot should decline. */
  answers: readonly string[];
}

export interface ExemplarMatch {
  /** Best cosine to an answerable exemplar. */
  inScope: number;
  /** Best cosine to an off-topic exemplar. */
  offTopic: number;
  /** Per entry id: best cosine to an exemplar it answers. */
  byEntry: Map<string, number>;
}

export interface ExemplarIndex {
  match(features: readonly string[], weight: (feature: string) => number): ExemplarMatch;
}

export function buildExemplarIndex(exemplars: readonly Exemplar[], weight: (feature: string) => number): ExemplarIndex {
  const vectors = exemplars.map((e) => {
    const features = withBigrams(e.tokens);
    return { features, norm: Math.sqrt(features.reduce((s, f) => s + weight(f) ** 2, 0)), answers: e.answers };
  });
  const postings = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    for (const f of v.features) (postings.get(f) ?? postings.set(f, []).get(f))?.push(i);
  });
  // One buffer of dot products, reused: a message touches most exemplars through common
  // words, and a Map per message was the engine's biggest garbage.
  const dots = new Float64Array(vectors.length);
  const touched: number[] = [];
  return {
    match(features, queryWeight) {
      const result: ExemplarMatch = { inScope: 0, offTopic: 0, byEntry: new Map() };
      const weights = features.map(queryWeight);
      const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0));
      if (norm === 0) return result;
      touched.length = 0;
      features.forEach((f, i) => {
        const w = weights[i] as number;
        if (w === 0) return;
        for (const e of postings.get(f) ?? []) {
          if (dots[e] === 0) touched.push(e);
          dots[e] = (dots[e] as number) + w * w;
        }
      });
      for (const e of touched) {
        const dot = dots[e] as number;
        dots[e] = 0;
        const v = vectors[e];
        if (v === undefined || v.norm === 0) continue;
        const cosine = Math.min(1, dot / (norm * v.norm));
        if (v.answers.length === 0) result.offTopic = Math.max(result.offTopic, cosine);
        else result.inScope = Math.max(result.inScope, cosine);
        for (const id of v.answers) result.byEntry.set(id, Math.max(result.byEntry.get(id) ?? 0, cosine));
      }
      return result;
    },
  };
}
