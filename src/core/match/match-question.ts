import type { ComparisonDimension } from '../knowledge/schema.js';
import { detectCompareIntent } from './compare-intent.js';
import { ANSWER_AT, MAX_READINGS, MAX_SUGGESTIONS, SUGGEST_SCOPE_AT, SUGGESTION_MIN } from './decision-policy.js';
import { ANSWER_FEATURES, OTHER_SCRIPT, mostlyForeign, RANK_FEATURES, SCOPE_FEATURES, describeMessage, type MessageEvidence } from './features.js';
import { committedModels, type FittedModels } from './committed-models.js';
import { wordScopeContributions } from './word-scope.js';
import { withBigrams } from './bigrams.js';
import { logOdds, probability } from './logistic.js';
import type { MatchIndex } from './match-index.js';
import { phrasingKey } from './phrasing-key.js';

export interface Candidate {
  id: string;
  /** The ranker's probability that this entry answers the message, were it a question for us. */
  score: number;
  /** Share of the question's word weight found in the entry (0..1). */
  coverage: number;
}

/** Why the engine decided what it did: what `vmvc ask --explain` prints. */
export interface Explanation {
  /** The reading of the message that was decided on (the whole, a sentence, or the question after a lead-in). */
  reading: string;
  readingsTried: number;
  scope: {
    probability: number;
    features: Record<string, number>;
    /** The words and word pairs that moved the wordScope feature most, with their learned weights. */
    words: Record<string, number>;
  };
  candidates: { id: string; probability: number; features: Record<string, number> }[];
  answer: { probability: number; features: Record<string, number> };
  decision: string;
}

type Common = {
  candidates: Candidate[];
  normalized: string;
  /** Probability that the message is a question the knowledge answers (1 for exact hits). */
  scope: number;
  explanation?: Explanation;
};
export type MatchResult =
  | ({ status: 'answered'; entryId: string; score: number; via: 'slug' | 'alias' | 'model' } & Common)
  | ({ status: 'compare'; dimensions: ComparisonDimension[]; whole: boolean; score: number } & Common)
  | ({ status: 'suggest'; score: number } & Common)
  | ({ status: 'declined'; reason: 'empty' | 'unknown' | 'operations'; score: number; closest?: string } & Common);

/** Longest normalised text kept with a result (and so in the store). */
const MAX_NORMALIZED_CHARS = 300;
/** Words that ask to compare or for the whole table: not content of their own. */
const COMPARE_WORDS = new Set(['compare', 'comparison', 'table', 'overview', 'cheat', 'cheatsheet', 'full', 'everything', 'all', 'side']);
/** Tokens that only name the two sides. */
const GENERIC_TOKENS = new Set(['container', 'docker', 'vm']);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$|^[a-z0-9]+$/;
/**
 * Only the start of a long message is read: a question for us fits in a few
 * sentences, and the rest (a pasted log, a rant) would only cost time.
 */
const MAX_MATCHED_CHARS = 600;
/** A reading other than the whole message needs at least this many words. */
const MIN_READING_WORDS = 3;

/** Probabilities from one reading of a message, before any policy is applied. */
export interface Judgement {
  evidence: MessageEvidence;
  scopeProbability: number;
  /** Candidates with their ranker probability, best first. */
  ranked: { id: string; entry: number; probability: number; coverage: number; features: number[] }[];
  answerFeatures: number[];
  /** Calibrated probability that the best-ranked entry is a right answer to the message. */
  answerProbability: number;
}

/** Scope, ranking and the answer probability for one piece of text. The fit script calls this too. */
export function judge(index: MatchIndex, text: string, models: FittedModels = committedModels()): Judgement {
  const evidence = describeMessage(index, text);
  const scopeProbability = probability(models.scope, evidence.scope);
  const ranked = evidence.candidates
    .map((c) => ({ id: c.id, entry: c.entry, probability: probability(models.rank, c.features), coverage: c.features[2] as number, features: c.features }))
    .sort((a, b) => b.probability - a.probability);
  const top = ranked[0];
  const second = ranked[1];
  const answerFeatures = [
    1,
    logOdds(scopeProbability),
    logOdds(top?.probability ?? 0),
    logOdds(top?.probability ?? 0) - logOdds(second?.probability ?? 0),
    top?.coverage ?? 0,
  ];
  const answerProbability = top === undefined ? 0 : probability(models.answer, answerFeatures);
  return { evidence, scopeProbability, ranked, answerFeatures, answerProbability };
}

/**
 * The ways of reading a message: the whole of it, each sentence of a longer
 * one, and the question after a lead-in ("for the interview tomorrow, what is
 * a hypervisor?"), so chat around a question cannot drown it.
 */
export function readingsOf(index: MatchIndex, text: string): string[] {
  const clipped = text.slice(0, MAX_MATCHED_CHARS);
  const readings = [clipped];
  const enough = (t: string) => index.normalizer.words(t).length >= MIN_READING_WORDS;
  const sentences = clipped.split(/(?<=[.?!])\s+|\n+/).filter(enough);
  for (const sentence of sentences) {
    if (sentences.length > 1) readings.push(sentence);
    // The question after a lead-in: the last clause that opens like a question.
    const clauses = sentence.split(/[,;:]\s+|\s[-–—]+\s/);
    for (let i = clauses.length - 1; i > 0; i--) {
      const rest = clauses.slice(i).join(', ');
      if (enough(rest) && index.cues.opensQuestion(index.normalizer.words(rest))) {
        readings.push(rest);
        break;
      }
    }
  }
  return [...new Set(readings)].slice(0, MAX_READINGS);
}

/** The reading the engine is surest about, with its judgement. */
export function bestJudgement(index: MatchIndex, text: string, models: FittedModels = committedModels()): { judgement: Judgement; readings: number } {
  const readings = readingsOf(index, text);
  let best = judge(index, readings[0] as string, models);
  for (const reading of readings.slice(1)) {
    const j = judge(index, reading, models);
    if (j.answerProbability > best.answerProbability) best = j;
  }
  return { judgement: best, readings: readings.length };
}

/**
 * Decides what a message asks: one entry, a comparison, a "did you mean", or
 * nothing we answer (and if it is about operating Docker or VMs, says so).
 */
export function matchQuestion(index: MatchIndex, text: string, options: { explain?: boolean; models?: FittedModels } = {}): MatchResult {
  const trimmed = text.trim().toLowerCase();
  const words = index.normalizer.words(text);
  // What curators see in the report: the asker's words without case, markup, mentions or
  // punctuation, before typo fixing and synonyms (which would turn "lunch" into something else).
  const normalized = words.join(' ').slice(0, MAX_NORMALIZED_CHARS);
  if (SLUG.test(trimmed) && index.entryIndex.has(trimmed)) {
    return { status: 'answered', entryId: trimmed, score: 1, candidates: [{ id: trimmed, score: 1, coverage: 1 }], normalized: trimmed, scope: 1, via: 'slug' };
  }
  const key = phrasingKey(text);
  if (key === '') return { status: 'declined', reason: 'empty', score: 0, candidates: [], normalized, scope: 0 };
  // Mostly written in a script the normaliser cannot read: what is left ("docker") is not the question.
  if (mostlyForeign(text)) {
    return { status: 'declined', reason: 'unknown', score: 0, candidates: [], normalized, scope: 0 };
  }
  const tokens = [...new Set(index.normalizer.tokens(text))];
  const intent = detectCompareIntent(index, words, tokens);
  // A curated phrasing asked word for word is an answer by construction. Not when words in
  // another script were dropped on the way: "docker 이미지를 전체 삭제하는법" is not "docker".
  // Nor when the words are only the two sides: "docker or vm?" and "docker and vm" ask different things.
  const specific = tokens.some((t) => !GENERIC_TOKENS.has(t));
  const exactId = OTHER_SCRIPT.test(text) ? undefined : (index.exact.get(key) ?? (specific ? index.exactTokens.get(tokens.join(' ')) : undefined));
  if (exactId !== undefined && !(intent.cue && intent.dimensions.length > 0 && !intent.dimensions.some((d) => d.faq === exactId))) {
    return { status: 'answered', entryId: exactId, score: 1, candidates: [{ id: exactId, score: 1, coverage: 1 }], normalized, scope: 1, via: 'alias' };
  }

  const { judgement: j, readings } = bestJudgement(index, text, options.models);
  const candidates: Candidate[] = j.ranked.map((r) => ({ id: r.id, score: round(r.probability), coverage: r.coverage }));
  const top = j.ranked[0];
  const p = round(j.answerProbability);
  const explain = (decision: string): Explanation | undefined => (options.explain ? explanation(index, j, readings, decision) : undefined);
  const common = (decision: string) => ({ candidates, normalized, scope: round(j.scopeProbability), ...(options.explain && { explanation: explain(decision) }) });

  const explicitCompare = words.includes('compare') || words.includes('comparison');
  // "compare security" and "the comparison table", in words the knowledge uses, ask for our table:
  // answered by construction, as a topic's own phrasing is. "compare python and java performance"
  // (a word the knowledge never uses) is left to the model, like any other question.
  const content = words.filter((w) => !index.normalizer.knownWords().has(w) && !COMPARE_WORDS.has(w));
  const ourWords = content.every((w) => index.vocabulary.has(w));
  if (intent.whole && ourWords) {
    return { status: 'compare', dimensions: [], whole: true, score: 1, ...common('a request for the whole comparison table, in words the knowledge uses') };
  }
  if (explicitCompare && intent.dimensions.length > 0 && ourWords) {
    return { status: 'compare', dimensions: intent.dimensions.slice(0, 3), whole: false, score: 1, ...common('a request to compare named dimensions, in words the knowledge uses') };
  }
  // "docker vs vm: kernel" asks for a row: the row of the topic that answers it.
  const linked = top !== undefined && intent.dimensions.some((d) => d.faq === top.id);
  // Rows answer a comparison question only as the topic the ranker chose: rows for dimensions the
  // best entry is not linked to were right for 9 of 23 real questions (npm run fit:cv), and their
  // confidence was the message's scope, not a probability that the rows answer it.
  if (intent.cue && intent.dimensions.length > 0 && linked && p >= ANSWER_AT) {
    const rows = intent.dimensions.filter((d) => d.faq === top?.id);
    return { status: 'compare', dimensions: rows, whole: false, score: p, ...common(`rows linked to ${top?.id ?? '?'}: p ${p} ≥ ${ANSWER_AT}`) };
  }
  if (top !== undefined && p >= ANSWER_AT) {
    return { status: 'answered', entryId: top.id, score: p, via: 'model', ...common(`answer ${top.id}: p ${p} ≥ ${ANSWER_AT}`) };
  }
  // A how-to, troubleshooting or pricing question about our domain is not ours, however close
  // its words come to a topic: say so, rather than "did you mean" a concept it did not ask about.
  const scope = j.evidence.scope;
  const operational = (scope[SCOPE_FEATURES.indexOf('operations')] ?? 0) + (scope[SCOPE_FEATURES.indexOf('cost')] ?? 0) > 0;
  const aboutUs = (scope[SCOPE_FEATURES.indexOf('anchors')] ?? 0) > 0;
  if (operational && aboutUs) {
    const closest = top !== undefined && top.probability >= SUGGESTION_MIN ? { closest: top.id } : {};
    return { status: 'declined', reason: 'operations', ...closest, score: p, ...common('declined: about operating, installing or paying for Docker or VMs, not how they differ') };
  }
  if (top !== undefined && j.scopeProbability >= SUGGEST_SCOPE_AT) {
    const shown = candidates.filter((c) => c.score >= SUGGESTION_MIN).slice(0, MAX_SUGGESTIONS);
    if (shown.length > 0) {
      return { status: 'suggest', score: p, ...common(`did you mean: a question for us (scope ${round(j.scopeProbability)} ≥ ${SUGGEST_SCOPE_AT}) but p ${p} < ${ANSWER_AT}`), candidates: shown };
    }
  }
  return { status: 'declined', reason: 'unknown', score: p, ...common(`declined: p ${p} < ${ANSWER_AT} and scope ${round(j.scopeProbability)} < ${SUGGEST_SCOPE_AT}`) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function named(names: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(names.map((n, i) => [n, round(values[i] ?? 0)]));
}

/** Word-scope contributions shown by --explain. */
const EXPLAINED_WORDS = 6;

function explanation(index: MatchIndex, j: Judgement, readings: number, decision: string): Explanation {
  return {
    reading: j.evidence.text,
    readingsTried: readings,
    scope: {
      probability: round(j.scopeProbability),
      features: named(SCOPE_FEATURES, j.evidence.scope),
      words: Object.fromEntries(wordScopeContributions(index.wordScope, withBigrams(j.evidence.asked), EXPLAINED_WORDS)),
    },
    candidates: j.ranked.slice(0, 5).map((r) => ({ id: r.id, probability: round(r.probability), features: named(RANK_FEATURES, r.features) })),
    answer: { probability: round(j.answerProbability), features: named(ANSWER_FEATURES, j.answerFeatures) },
    decision,
  };
}
