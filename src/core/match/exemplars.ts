import { withBigrams } from './bigrams.js';
import { loadLists, saveLists, type SavedLists } from './saved-lists.js';

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

/** The exemplars as an index, in plain JSON: what a later start loads instead of rebuilding (see index-data.ts). */
export interface ExemplarData {
  /** Entry ids the exemplars answer; `answers` refers to them by position. */
  ids: string[];
  /** Per exemplar: the norm of its weighted token and bigram vector. */
  norms: number[];
  /** Per exemplar: positions in `ids` of the entries that answer it (none: off-topic). */
  answers: number[][];
  /** token or bigram → the exemplars that have it. */
  postings: SavedLists;
}

export function buildExemplarIndex(exemplars: readonly Exemplar[], weight: (feature: string) => number): ExemplarIndex {
  return exemplarIndexFrom(exemplarData(exemplars, weight));
}

export function exemplarData(exemplars: readonly Exemplar[], weight: (feature: string) => number): ExemplarData {
  // Entry ids as small numbers, so a message's best cosine per entry lives in a reused array.
  const ids: string[] = [];
  const slotOf = new Map<string, number>();
  const norms: number[] = [];
  const answers: number[][] = [];
  const postings = new Map<string, number[]>();
  exemplars.forEach((e, i) => {
    const features = withBigrams(e.tokens);
    norms.push(Math.sqrt(features.reduce((s, f) => s + weight(f) ** 2, 0)));
    answers.push(
      e.answers.map((id) => {
        let slot = slotOf.get(id);
        if (slot === undefined) {
          slot = ids.push(id) - 1;
          slotOf.set(id, slot);
        }
        return slot;
      }),
    );
    for (const f of features) (postings.get(f) ?? postings.set(f, []).get(f))?.push(i);
  });
  return { ids, norms, answers, postings: saveLists(postings) };
}

export function exemplarIndexFrom(data: ExemplarData): ExemplarIndex {
  const { ids, norms, answers } = data;
  const postings = loadLists(data.postings);
  // Buffers reused by every message: a message touches most exemplars through common
  // words, and a Map per message was the engine's biggest garbage.
  const dots = new Float64Array(norms.length);
  const touched: number[] = [];
  const best = new Float64Array(ids.length);
  const seen = new Uint8Array(ids.length);
  const firstSeen: number[] = [];
  return {
    match(features, queryWeight) {
      const result: ExemplarMatch = { inScope: 0, offTopic: 0, byEntry: new Map() };
      const weights = features.map(queryWeight);
      const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0));
      if (norm === 0) return result;
      touched.length = 0;
      for (let i = 0; i < features.length; i++) {
        const w = weights[i] as number;
        if (w === 0) continue;
        const list = postings.get(features[i] as string);
        if (list === undefined) continue;
        // Indexed loops: an iterator per list was a large share of a message's garbage.
        for (let j = 0; j < list.length; j++) {
          const e = list[j] as number;
          if (dots[e] === 0) touched.push(e);
          dots[e] = (dots[e] as number) + w * w;
        }
      }
      firstSeen.length = 0;
      for (let j = 0; j < touched.length; j++) {
        const e = touched[j] as number;
        const dot = dots[e] as number;
        dots[e] = 0;
        const exemplarNorm = norms[e] as number;
        if (exemplarNorm === 0) continue;
        const cosine = Math.min(1, dot / (norm * exemplarNorm));
        const slots = answers[e] as number[];
        if (slots.length === 0) result.offTopic = Math.max(result.offTopic, cosine);
        else result.inScope = Math.max(result.inScope, cosine);
        for (const slot of slots) {
          if (seen[slot] === 0) {
            seen[slot] = 1;
            firstSeen.push(slot);
          }
          best[slot] = Math.max(best[slot] as number, cosine);
        }
      }
      // byEntry in the order entries were first met, as the ranking's ties depend on it.
      for (const slot of firstSeen) {
        result.byEntry.set(ids[slot] as string, best[slot] as number);
        best[slot] = 0;
        seen[slot] = 0;
      }
      return result;
    },
  };
}
