import { detectCompareIntent, findDimensions } from './compare-intent.js';
import { openerOf } from './opener.js';
import { lexicalScores } from './lexical-scores.js';
import { withBigrams } from './bigrams.js';
import type { MatchIndex } from './match-index.js';
import { MAX_CANDIDATES } from './retrieve.js';
import { topKeys } from './top-keys.js';
import { MAX_LOG_ODDS, wordScopeLogOdds } from './word-scope.js';

/**
 * The evidence the decision weighs, as named numbers. The names are the
 * contract with the fitted weights in fitted-model.ts: `npm run fit` writes
 * one weight per name, and a model fitted for other names is refused.
 */

/** About the message as a whole: is it a question, and a question of the kind we answer? */
export const SCOPE_FEATURES = [
  'bias',
  'questionMark',
  'opensQuestion',
  'concept',
  'operations',
  'cost',
  'chatter',
  'anchors',
  'unknownShare',
  'logWords',
  'code',
  'topCosine',
  'topCoverage',
  'topBm25',
  'exemplarInScope',
  'exemplarOffTopic',
  'statement',
  'howTo',
  'wordScope',
] as const;

/** About one entry as the answer to this message. */
export const RANK_FEATURES = ['bias', 'cosine', 'coverage', 'bm25Share', 'bm25Log', 'side', 'dimension', 'firstByBm25', 'cosineShare', 'firstByCosine', 'opener', 'exemplar', 'entryWords'] as const;

/** Whether the best entry is a right answer: the scope and rank verdicts and how clearly the best one leads. */
export const ANSWER_FEATURES = ['bias', 'scopeLogit', 'rankLogit', 'rankMargin', 'coverage'] as const;

export type FeatureVector = number[];

export interface CandidateEvidence {
  entry: number;
  id: string;
  features: FeatureVector;
}

/** One reading of the message: the whole of it, one sentence, or the question after a lead-in. */
export interface MessageEvidence {
  text: string;
  words: string[];
  tokens: string[];
  /** The message's canonical tokens as asked, before a question against one side is turned. */
  asked: string[];
  scope: FeatureVector;
  candidates: CandidateEvidence[];
}

/** Unknown words fixed per message at most: past this, a paste of invented words costs what a question costs. */
export const MAX_SPELL_FIXES = 8;
/** Letters the normaliser cannot read (it keeps Latin letters only); words of them count as unknown. */
export const OTHER_SCRIPT = /(?![\p{Script=Latin}])\p{L}/u;

/** At least as many letters in scripts the normaliser cannot read as in Latin ones. */
export function mostlyForeign(text: string): boolean {
  const foreign = text.match(/(?![\p{Script=Latin}])\p{L}/gu)?.length ?? 0;
  return foreign > 0 && foreign >= (text.match(/\p{Script=Latin}/gu)?.length ?? 0);
}

/** Words written in a script the normaliser cannot read. */
export function foreignWords(text: string): number {
  return text.split(/\s+/).filter((w) => OTHER_SCRIPT.test(w)).length;
}
const CODE = /```|`[^`]+`|\b(?:error|exception|traceback|errno)\b:|\s--?[a-z][\w-]*|\/[\w.-]+\/[\w.-]+|\b0x[0-9a-f]+\b/i;

export function describeMessage(index: MatchIndex, text: string): MessageEvidence {
  let fixes = 0;
  const fix = (word: string) => (index.vocabulary.has(word) || fixes++ >= MAX_SPELL_FIXES ? undefined : index.fix(word));
  const words = index.normalizer.words(text);
  const asked = index.normalizer.tokens(text, fix);
  const turned = turnAgainst(index, words, asked);
  const sequence = turned.sequence;
  const tokens = [...new Set(sequence)];
  const bigrams = withBigrams(sequence);
  const lexical = lexicalScores(index, tokens, bigrams);
  const retrieved = index.search.search(tokens);
  const topBm25 = retrieved[0]?.score ?? 0;

  const earlier = index.exemplars.match(bigrams, index.weight);
  // Word scope reads the message as asked, as it was fitted on it. Entry words read it turned: a question
  // turned against one side reads like the plain choosing questions the model learned the other side from.
  const askedFeatures = turned.turned ? withBigrams(asked) : bigrams;
  const pointed = index.entryWords.probabilities(bigrams);
  // Candidates: the best by BM25, by phrasing cosine and by earlier questions, so no one view hides an entry.
  const byCosine = topKeys(lexical, 3, (l) => l.cosine);
  const byExemplar = topKeys(earlier.byEntry, 2, (cosine) => cosine).flatMap((id) => index.entryIndex.get(id) ?? []);
  const entries = [...new Set([...retrieved.map((r) => r.entry), ...byCosine, ...byExemplar])].slice(0, MAX_CANDIDATES + 5);
  const bm25Of = new Map(retrieved.map((r) => [r.entry, r.score]));
  const side = turned.side ?? askedSide(index, words, sequence);
  // A dimension named without asking to compare ("containers in linux") is only a topic word.
  const linked = new Set(detectCompareIntent(index, words, tokens).cue ? findDimensions(index, tokens).map((d) => d.faq) : []);
  const bestCosine = Math.max(0, ...[...lexical.values()].map((l) => l.cosine));
  const opener = openerOf(words);

  // A question that asks for one side never gets an entry arguing for the other.
  const choosing = side !== 0 && (turned.turned || index.cues.count('choice', words) > 0 || index.cues.count('preference', words) > 0);
  const candidates = entries.filter((entry) => !choosing || side * (index.sides[entry] ?? 0) >= 0).map((entry): CandidateEvidence => {
    const e = index.entries[entry];
    const lex = lexical.get(entry) ?? { cosine: 0, coverage: 0 };
    const bm25 = bm25Of.get(entry) ?? 0;
    return {
      entry,
      id: e?.id ?? '?',
      features: [
        1,
        lex.cosine,
        lex.coverage,
        topBm25 > 0 ? bm25 / topBm25 : 0,
        Math.log1p(bm25),
        side * (index.sides[entry] ?? 0),
        linked.has(e?.id) ? 1 : 0,
        entry === retrieved[0]?.entry ? 1 : 0,
        bestCosine > 0 ? lex.cosine / bestCosine : 0,
        entry === byCosine[0] ? 1 : 0,
        opener === undefined ? 0 : (index.openers[entry]?.get(opener) ?? 0),
        earlier.byEntry.get(e?.id ?? '') ?? 0,
        pointed[entry] ?? 0,
      ],
    };
  });

  // Content words: the ones the normaliser does not drop or merge by itself.
  const content = words.filter((w) => !index.normalizer.knownWords().has(w));
  const foreign = foreignWords(text);
  const unknown = content.filter((w) => !index.vocabulary.has(w)).length + foreign;
  const best = candidates.reduce((m, c) => Math.max(m, c.features[1] as number), 0);
  const bestCoverage = candidates.reduce((m, c) => Math.max(m, c.features[2] as number), 0);
  const cap = (n: number, max: number) => Math.min(n, max) / max;
  const questionMark = /\?/.test(text);
  const parts = clauses(words, text, index);
  const opens = parts.some((c) => index.cues.opensQuestion(c));
  const scope: FeatureVector = [
    1,
    questionMark ? 1 : 0,
    opens ? 1 : 0,
    cap(index.cues.count('concept', words), 3),
    cap(index.cues.count('operations', words), 3),
    cap(index.cues.count('cost', words), 2),
    cap(index.cues.count('chatter', words), 2),
    cap(tokens.filter((t) => index.anchors.has(t)).length, 3),
    content.length + foreign === 0 ? 0 : unknown / (content.length + foreign),
    Math.log1p(words.length) / Math.log1p(100),
    CODE.test(text) ? 1 : 0,
    best,
    bestCoverage,
    Math.log1p(topBm25),
    earlier.inScope,
    earlier.offTopic,
    // A sentence that neither asks nor opens like a question says something; the longer it is,
    // the less it is a terse search ("docker vs vm") and the more a remark.
    questionMark || opens ? 0 : Math.log1p(words.length) / Math.log1p(100),
    parts.some((c) => index.cues.opensWith('how_to', c)) ? 1 : 0,
    wordScopeLogOdds(index.wordScope, askedFeatures) / MAX_LOG_ODDS,
  ];
  return { text, words, tokens, asked, scope, candidates };
}

/**
 * The side a question is about: +1 VM, -1 container, 0 neither. One side named
 * is that side; both named is the first only with a preference cue ("docker
 * instead of a VM"). A choosing question against a side has already been
 * turned to the other by turnAgainst, which then says the side itself.
 */
function askedSide(index: MatchIndex, words: readonly string[], sequence: readonly string[]): number {
  const vm = sequence.indexOf('vm');
  const container = sequence.indexOf('container');
  let side = 0;
  if (vm >= 0 && container < 0) side = 1;
  else if (container >= 0 && vm < 0) side = -1;
  else if (vm >= 0 && container >= 0 && index.cues.count('preference', words) > 0) side = vm < container ? 1 : -1;
  return side;
}


/**
 * A choosing question against the side it names asks for the other:
 * "when is a container a bad fit?" is "when should I choose a VM?", and is
 * matched as that, so retrieval cannot hand back the opposite answer.
 */
function turnAgainst(index: MatchIndex, words: readonly string[], sequence: string[]): { sequence: string[]; turned: boolean; side?: number } {
  const vm = sequence.indexOf('vm');
  const container = sequence.indexOf('container');
  if ((vm < 0 && container < 0) || index.cues.count('against', words) === 0 || index.cues.count('choice', words) === 0) return { sequence, turned: false };
  if (vm >= 0 && container >= 0) {
    // Both named: the one said to be the bad choice comes first ("when are containers a poor
    // choice compared to VMs?", "when is a VM worse than docker?"); the question asks for the other.
    // Requiring a word that sets them against each other ("than", "compared") read two fewer of the
    // fitting part's questions right (npm run fit:cv), so the simpler rule stays.
    return { sequence: sequence.filter((t) => !index.againstTokens.has(t)), turned: true, side: vm < container ? -1 : 1 };
  }
  // "docker" comes along with the container side, as the normaliser gives it for the word "docker".
  const out = sequence.filter((t) => t !== 'docker' && !index.againstTokens.has(t)).flatMap((t) => (t === 'vm' ? ['container', 'docker'] : t === 'container' ? ['vm'] : [t]));
  // Read as the question it amounts to: "in which cases is a VM a bad idea?" is "when should I use a container?".
  for (const t of index.chooseTokens) if (!out.includes(t)) out.push(t);
  return { sequence: out, turned: true };
}

/** The message's clauses as word lists, split where punctuation or a dash ends one. */
function clauses(words: readonly string[], text: string, index: MatchIndex): string[][] {
  const parts = text.split(/[.?!,;:\n]+|\s[-–—]+\s/).map((p) => index.normalizer.words(p)).filter((p) => p.length > 0);
  return parts.length > 0 ? parts : [words as string[]];
}
