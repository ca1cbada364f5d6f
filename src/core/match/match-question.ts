import type { ComparisonDimension } from '../knowledge/schema.js';
import { detectCompareIntent } from './compare-intent.js';
import { MAX_QUESTION_CHARS } from './normalize.js';
import { sideOf, withBigrams, type MatchIndex } from './match-index.js';
import { phrasingKey } from './phrasing-key.js';
import {
  ANSWER_MARGIN,
  ANSWER_MIN,
  ANSWER_SURE,
  COVERAGE_TO_ANSWER,
  COVERAGE_TO_SUGGEST,
  DIMENSION_SUPPORT,
  FAQ_OVER_DIMENSION,
  MAX_SUGGESTIONS,
  NO_ANCHOR_ANSWER_MIN,
  PHRASING_WEIGHT,
  SIDE_BONUS,
  SUGGEST_MIN,
  SUGGEST_RELATIVE,
} from './thresholds.js';

export interface Candidate {
  id: string;
  score: number;
  /** Share of the question's word weight found in the entry (0..1). */
  coverage: number;
}

export type MatchResult =
  | { status: 'answered'; entryId: string; score: number; candidates: Candidate[]; normalized: string; via: 'slug' | 'alias' | 'fuzzy' }
  | { status: 'compare'; dimensions: ComparisonDimension[]; whole: boolean; score: number; candidates: Candidate[]; normalized: string }
  | { status: 'suggest'; score: number; candidates: Candidate[]; normalized: string }
  | { status: 'declined'; reason: 'empty' | 'unknown'; score: number; candidates: Candidate[]; normalized: string };

/** Words that make the side named first the preferred one. */
const PREFERENCE_CUES = new Set(['instead', 'rather', 'over', 'better', 'prefer', 'preferable', 'than', 'beat', 'beats', 'favour', 'favor']);

/** Longest normalised text kept with a result (and so in the store). */
const MAX_NORMALIZED_CHARS = 300;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z0-9]+$/;

/** Sentences worth matching on their own in a long message: at least this many words. */
const MIN_SENTENCE_WORDS = 3;
const MAX_SENTENCES = 6;

/**
 * Decides what a question asks: one entry, a comparison, a "did you mean", or
 * nothing we know. A long message of several sentences ("Why are containers
 * lighter? I heard they share the kernel… thanks in advance!!") is also
 * matched sentence by sentence, so chat around the question cannot drown it.
 */
export function matchQuestion(index: MatchIndex, text: string): MatchResult {
  const whole = matchText(index, text);
  if (whole.status === 'answered' || whole.status === 'compare') return whole;
  const sentences = text
    .slice(0, MAX_QUESTION_CHARS)
    .split(/(?<=[.?!])\s+|\n+/)
    .filter((sentence) => index.normalizer.words(sentence).length >= MIN_SENTENCE_WORDS);
  if (sentences.length < 2) return whole;
  let best: MatchResult | undefined;
  for (const sentence of sentences.slice(0, MAX_SENTENCES)) {
    const result = matchText(index, sentence);
    if ((result.status === 'answered' || result.status === 'compare') && result.score > (best?.score ?? 0)) best = result;
  }
  return best ? { ...best, normalized: whole.normalized } : whole;
}

function matchText(index: MatchIndex, text: string): MatchResult {
  const trimmed = text.trim().toLowerCase();
  if (SLUG.test(trimmed) && index.entryIndex.has(trimmed)) {
    return { status: 'answered', entryId: trimmed, score: 1, candidates: [{ id: trimmed, score: 1, coverage: 1 }], normalized: trimmed, via: 'slug' };
  }
  const key = phrasingKey(text);
  const words = index.normalizer.words(text);
  const sequence = index.normalizer.tokens(text, index.fix);
  const tokens = [...new Set(sequence)];
  // What curators see in the report: the asker's words without case, markup, mentions or
  // punctuation, before typo fixing and synonyms (which would turn "lunch" into something else).
  const normalized = words.join(' ').slice(0, MAX_NORMALIZED_CHARS);
  if (key === '') return { status: 'declined', reason: 'empty', score: 0, candidates: [], normalized };

  const exactId = index.exact.get(key) ?? index.exactTokens.get(tokens.join(' '));
  const intent = detectCompareIntent(index, words, tokens);
  if (exactId !== undefined && !(intent.cue && intent.dimensions.length > 0 && !linksTo(intent.dimensions, exactId))) {
    return { status: 'answered', entryId: exactId, score: 1, candidates: [{ id: exactId, score: 1, coverage: 1 }], normalized, via: 'alias' };
  }
  if (tokens.length === 0) return { status: 'declined', reason: 'unknown', score: 0, candidates: [], normalized };

  // "docker or a vm?" asks for neither side; "docker instead of a vm" asks about docker.
  const side = words.some((w) => PREFERENCE_CUES.has(w)) ? sideOf(sequence) : 0;
  const candidates = scoreEntries(index, tokens, withBigrams(sequence), side);
  const top = candidates[0];
  const second = candidates[1];
  const topScore = top?.score ?? 0;

  if (intent.whole) return { status: 'compare', dimensions: [], whole: true, score: 0.9, candidates, normalized };
  const anchored = tokens.some((t) => index.anchors.has(t));
  // "compare security" names no side, but asking to compare is itself about our domain.
  const explicitCompare = words.some((w) => w === 'compare' || w === 'comparison');
  if (intent.cue && intent.dimensions.length > 0 && (anchored || explicitCompare)) {
    // A dimension word alone is weak evidence ("starting a new project… vms vs docker"): keep the
    // dimensions whose own FAQ entry the words also point at, unless no entry stands out at all.
    const scoreOf = new Map(candidates.map((c) => [c.id, c.score]));
    const supported =
      topScore < ANSWER_MIN || explicitCompare
        ? intent.dimensions
        : intent.dimensions.filter((d) => d.faq !== undefined && (scoreOf.get(d.faq) ?? 0) >= topScore * DIMENSION_SUPPORT);
    // A confident answer about something else ("difference between image and container") beats a loose dimension hit.
    const faqWins = top !== undefined && topScore >= FAQ_OVER_DIMENSION && !linksTo(supported, top.id);
    if (supported.length > 0 && !faqWins) {
      return { status: 'compare', dimensions: supported.slice(0, 3), whole: false, score: Math.max(topScore, ANSWER_SURE), candidates, normalized };
    }
  }

  if (!anchored) {
    // Nothing in the question names our domain: only a near-exact phrasing may answer it.
    if (top !== undefined && topScore >= NO_ANCHOR_ANSWER_MIN) {
      return { status: 'answered', entryId: top.id, score: topScore, candidates, normalized, via: 'fuzzy' };
    }
    return { status: 'declined', reason: 'unknown', score: Math.min(topScore, SUGGEST_MIN / 2), candidates: [], normalized };
  }
  // Most of what was asked must be about the entry: one shared rare word ("kubernetes") among
  // unknown ones ("rotate … secrets") is a different question.
  const coverage = top?.coverage ?? 0;
  if (
    top !== undefined &&
    coverage >= COVERAGE_TO_ANSWER &&
    (topScore >= ANSWER_SURE || (topScore >= ANSWER_MIN && topScore - (second?.score ?? 0) >= ANSWER_MARGIN))
  ) {
    return { status: 'answered', entryId: top.id, score: topScore, candidates, normalized, via: 'fuzzy' };
  }
  if (topScore >= SUGGEST_MIN && coverage >= COVERAGE_TO_SUGGEST) {
    const shown = candidates.filter((c) => c.score >= topScore * SUGGEST_RELATIVE).slice(0, MAX_SUGGESTIONS);
    return { status: 'suggest', score: topScore, candidates: shown, normalized };
  }
  return { status: 'declined', reason: 'unknown', score: topScore, candidates: candidates.slice(0, MAX_SUGGESTIONS), normalized };
}

function linksTo(dimensions: ComparisonDimension[], entryId: string): boolean {
  return dimensions.some((d) => d.faq === entryId);
}

/**
 * Score = PHRASING_WEIGHT × best idf-cosine against one phrasing of the entry
 * + the rest × share of the question's idf mass found anywhere in the entry.
 * The first rewards asking it the way someone already did; the second rewards
 * rewordings that use the entry's words in a new order.
 */
function scoreEntries(index: MatchIndex, tokens: string[], features: string[], side: number): Candidate[] {
  const weights = tokens.map((t) => index.idf.get(t) ?? index.unknownIdf);
  const queryMass = weights.reduce((s, w) => s + w, 0);
  // Bigrams the knowledge never uses say nothing either way; leave them out of the norm.
  const featureWeights = features.map((f) => index.idf.get(f) ?? (f.includes('_') ? 0 : index.unknownIdf));
  const queryNorm = Math.sqrt(featureWeights.reduce((s, w) => s + w * w, 0));
  if (queryNorm === 0) return [];

  const dots = new Map<number, number>();
  features.forEach((f, i) => {
    const w = featureWeights[i] as number;
    if (w === 0) return;
    for (const pi of index.postings.get(f) ?? []) dots.set(pi, (dots.get(pi) ?? 0) + w * w);
  });
  const bestCosine = new Map<number, number>();
  for (const [pi, dot] of dots) {
    const p = index.phrasings[pi];
    if (p === undefined || p.norm === 0) continue;
    const cosine = dot / (queryNorm * p.norm);
    if (cosine > (bestCosine.get(p.entry) ?? 0)) bestCosine.set(p.entry, cosine);
  }
  const scored: Candidate[] = [];
  index.bags.forEach((bag, ei) => {
    let covered = 0;
    tokens.forEach((t, i) => {
      if (bag.has(t)) covered += weights[i] as number;
    });
    if (covered === 0) return;
    const entrySide = index.sides[ei] ?? 0;
    const sideBonus = side === 0 || entrySide === 0 ? 0 : side === entrySide ? SIDE_BONUS : -SIDE_BONUS;
    const score = PHRASING_WEIGHT * (bestCosine.get(ei) ?? 0) + (1 - PHRASING_WEIGHT) * (covered / queryMass) + sideBonus;
    scored.push({ id: (index.entries[ei] as { id: string }).id, score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000, coverage: covered / queryMass });
  });
  return scored.sort((a, b) => b.score - a.score);
}
