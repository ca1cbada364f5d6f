import type { MatchIndex } from './match-index.js';

export interface LexicalScore {
  /** Best idf-weighted cosine against one phrasing of the entry (0..1): asked the way someone already did. */
  cosine: number;
  /** Share of the question's idf mass found anywhere in the entry's phrasings and keywords (0..1). */
  coverage: number;
}

/** Buffers reused by every question: allocation per message was most of the engine's garbage, and garbage collection most of its slowest answers. */
interface Scratch {
  /** Per phrasing: the dot product with the question. */
  dots: Float64Array;
  /** Per entry: the best cosine of its phrasings. */
  best: Float64Array;
  /** Per entry: the question's idf mass it covers. */
  covered: Float64Array;
  touched: number[];
}
const scratch = new WeakMap<MatchIndex, Scratch>();
function scratchFor(index: MatchIndex): Scratch {
  let s = scratch.get(index);
  if (s === undefined) {
    const entries = index.entries.length;
    s = { dots: new Float64Array(index.phrasings.length), best: new Float64Array(entries), covered: new Float64Array(entries), touched: [] };
    scratch.set(index, s);
  }
  return s;
}

/**
 * Two views of word overlap per entry, for the entries that share any word
 * with the question, in entry order. `features` are the tokens plus their
 * bigrams, so word order counts in the cosine ("vm better" vs "container better").
 */
export function lexicalScores(index: MatchIndex, tokens: readonly string[], features: readonly string[]): Map<number, LexicalScore> {
  const out = new Map<number, LexicalScore>();
  const weights = tokens.map((t) => index.idf.get(t) ?? index.unknownIdf);
  const queryMass = weights.reduce((s, w) => s + w, 0);
  // Bigrams the knowledge never uses say nothing either way; leave them out of the norm.
  const featureWeights = features.map(index.weight);
  const queryNorm = Math.sqrt(featureWeights.reduce((s, w) => s + w * w, 0));
  if (queryNorm === 0 || queryMass === 0) return out;

  const { dots, best, covered, touched } = scratchFor(index);
  touched.length = 0;
  for (let i = 0; i < features.length; i++) {
    const w = featureWeights[i] as number;
    if (w === 0) continue;
    const postings = index.postings.get(features[i] as string);
    if (postings === undefined) continue;
    // Indexed loops here and below: an iterator per list was a large share of a question's garbage.
    for (let j = 0; j < postings.length; j++) {
      const pi = postings[j] as number;
      if (dots[pi] === 0) touched.push(pi);
      dots[pi] = (dots[pi] as number) + w * w;
    }
  }
  for (let j = 0; j < touched.length; j++) {
    const pi = touched[j] as number;
    const dot = dots[pi] as number;
    dots[pi] = 0;
    const p = index.phrasings[pi];
    if (p === undefined || p.norm === 0) continue;
    const cosine = dot / (queryNorm * p.norm);
    if (cosine > (best[p.entry] as number)) best[p.entry] = cosine;
  }
  // Coverage adds each token's weight to the entries that have it, in token order.
  for (let i = 0; i < tokens.length; i++) {
    const owners = index.entriesWith.get(tokens[i] as string);
    if (owners === undefined) continue;
    const w = weights[i] as number;
    for (let j = 0; j < owners.length; j++) {
      const ei = owners[j] as number;
      covered[ei] = (covered[ei] as number) + w;
    }
  }
  for (let ei = 0; ei < covered.length; ei++) {
    const c = covered[ei] as number;
    const cosine = best[ei] as number;
    covered[ei] = 0;
    best[ei] = 0;
    if (c === 0) continue;
    out.set(ei, { cosine: Math.min(1, cosine), coverage: c / queryMass });
  }
  return out;
}
