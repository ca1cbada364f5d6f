import type { MatchIndex } from './match-index.js';

export interface LexicalScore {
  /** Best idf-weighted cosine against one phrasing of the entry (0..1): asked the way someone already did. */
  cosine: number;
  /** Share of the question's idf mass found anywhere in the entry's phrasings and keywords (0..1). */
  coverage: number;
}

/**
 * Two views of word overlap per entry, for the entries that share any word
 * with the question. `features` are the tokens plus their bigrams, so word
 * order counts in the cosine ("vm better" vs "container better").
 */
// A dot-product buffer per index, reused by every question: allocation per message was most of
// the engine's garbage, and garbage collection most of its slowest answers.
const scratch = new WeakMap<MatchIndex, Float64Array>();
function scratchFor(index: MatchIndex): Float64Array {
  let buffer = scratch.get(index);
  if (buffer === undefined) {
    buffer = new Float64Array(index.phrasings.length);
    scratch.set(index, buffer);
  }
  return buffer;
}

export function lexicalScores(index: MatchIndex, tokens: readonly string[], features: readonly string[]): Map<number, LexicalScore> {
  const out = new Map<number, LexicalScore>();
  const weights = tokens.map((t) => index.idf.get(t) ?? index.unknownIdf);
  const queryMass = weights.reduce((s, w) => s + w, 0);
  // Bigrams the knowledge never uses say nothing either way; leave them out of the norm.
  const featureWeights = features.map((f) => index.idf.get(f) ?? (f.includes('_') ? 0 : index.unknownIdf));
  const queryNorm = Math.sqrt(featureWeights.reduce((s, w) => s + w * w, 0));
  if (queryNorm === 0 || queryMass === 0) return out;

  const dots = scratchFor(index);
  const touched: number[] = [];
  features.forEach((f, i) => {
    const w = featureWeights[i] as number;
    if (w === 0) return;
    for (const pi of index.postings.get(f) ?? []) {
      if (dots[pi] === 0) touched.push(pi);
      dots[pi] = (dots[pi] as number) + w * w;
    }
  });
  const bestCosine = new Map<number, number>();
  for (const pi of touched) {
    const dot = dots[pi] as number;
    dots[pi] = 0;
    const p = index.phrasings[pi];
    if (p === undefined || p.norm === 0) continue;
    const cosine = dot / (queryNorm * p.norm);
    if (cosine > (bestCosine.get(p.entry) ?? 0)) bestCosine.set(p.entry, cosine);
  }
  index.bags.forEach((bag, ei) => {
    let covered = 0;
    tokens.forEach((t, i) => {
      if (bag.has(t)) covered += weights[i] as number;
    });
    if (covered === 0) return;
    out.set(ei, { cosine: Math.min(1, bestCosine.get(ei) ?? 0), coverage: covered / queryMass });
  });
  return out;
}
