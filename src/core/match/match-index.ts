import type { ComparisonDimension, FaqEntry, Knowledge } from '../knowledge/schema.js';
import { createNormalizer, type Normalizer, type WordFixer } from './normalize.js';

import { createSpellCorrector } from './spell.js';
import { createCueMatcher, type CueMatcher } from './cues.js';
import { createEntrySearch, type EntryDocument, type EntrySearch } from './retrieve.js';
import { openerProfile, type Opener } from './opener.js';
import { buildExemplarIndex, type Exemplar, type ExemplarIndex } from './exemplars.js';
import { FITTED_EXEMPLARS } from './fitted-exemplars.js';
import { createTextMemo, type TextMemo, type TextMemoData } from './text-memo.js';

export interface IndexedPhrasing {
  entry: number;
  tokens: string[];
  /** Euclidean norm of the phrasing's idf vector, precomputed for cosine. */
  norm: number;
}

export interface IndexedDimension {
  dimension: ComparisonDimension;
  /** Each alias (and the name and id) as canonical tokens. */
  aliasTokens: string[][];
}

/** Everything the matcher needs, built once at start-up. */
export interface MatchIndex {
  entries: FaqEntry[];
  entryIndex: Map<string, number>;
  normalizer: Normalizer;
  /** Per entry: phrasingKey of its title, question and aliases, for autocomplete prefix matching. */
  entryKeys: string[][];
  /** phrasingKey(alias | question | title | slug words) → entry id. */
  exact: Map<string, string>;
  /** A phrasing's canonical tokens in order, space-joined → entry id, when only one entry has them. */
  exactTokens: Map<string, string>;
  idf: Map<string, number>;
  unknownIdf: number;
  phrasings: IndexedPhrasing[];
  /** token → phrasing indexes. */
  postings: Map<string, number[]>;
  /** token → the entries (ascending) with it among their phrasings' and keywords' tokens. */
  entriesWith: Map<string, number[]>;
  /** Typo fixer for query words: undefined for known words, else the closest known word. */
  fix: WordFixer;
  /** Per entry: the side it argues for (+1 VM, -1 container, 0 neither), from `favours`. */
  sides: number[];
  /** Domain words; a question needs one to be answered on a fuzzy match. */
  anchors: Set<string>;
  dimensions: IndexedDimension[];
  /** BM25+ retrieval over every entry's text. */
  search: EntrySearch;
  /** What a message asks (question, operations, chatter…), from knowledge/intent.yaml. */
  cues: CueMatcher;
  /** Every word the knowledge writes: a word outside it is unknown to the engine. */
  vocabulary: Set<string>;
  /** Questions people asked before, labelled: evidence of scope and of entries. */
  exemplars: ExemplarIndex;
  /** Weight of a token or bigram in a similarity: its idf, or the unknown-word weight (0 for an unknown bigram). */
  weight: (feature: string) => number;
  /** The `against` cues as canonical tokens, dropped when a question is turned to the other side. */
  againstTokens: Set<string>;
  /** The knowledge's text as normalised while building, for a caller to save (see text-memo.ts). */
  textMemo: TextMemo;
  /** Per entry: how its phrasings open (what…, why…, can…). */
  openers: Map<Opener, number>[];
}

/** Adjacent-token pairs, so "vm better" and "container better" tell when-vm from when-docker. */
export function withBigrams(tokens: readonly string[]): string[] {
  const features = [...new Set(tokens)];
  for (let i = 0; i + 1 < tokens.length; i++) features.push(`${tokens[i]}_${tokens[i + 1]}`);
  return [...new Set(features)];
}

/**
 * Words the knowledge never uses weigh like a word found in this many entries
 * (idf = ln(1 + N / this)): chat filler must not drown the question, and an
 * unknown word must still count against an entry that lacks it.
 */
const UNKNOWN_WORD_DF = 4;

export interface IndexOptions {
  /** Earlier labelled questions (default: the fitted ones). */
  exemplars?: readonly Exemplar[];
  /** Normalised knowledge text saved by an earlier start (see text-memo.ts). */
  savedText?: TextMemoData;
}

export function buildMatchIndex(knowledge: Knowledge, options: IndexOptions = {}): MatchIndex {
  const exemplars = options.exemplars ?? FITTED_EXEMPLARS;
  const normalizer = createNormalizer(knowledge.language);
  const memo = createTextMemo(normalizer, options.savedText);
  const entries = knowledge.faq;
  const entryIndex = new Map(entries.map((e, i) => [e.id, i]));
  const exact = new Map<string, string>();
  const tokenOwners = new Map<string, Set<string>>();
  const raw: { entry: number; tokens: string[] }[] = [];
  const bags: Set<string>[] = [];
  const sides: number[] = [];
  const documents: EntryDocument[] = [];

  entries.forEach((e, i) => {
    const bag = new Set<string>();
    const doc: EntryDocument = { id: i, phrasings: '', title: '', keywords: '', short: memo.tokens(e.short).join(' ') };

    const slugWords = e.id.replace(/-/g, ' ');
    for (const text of [e.question, e.title, slugWords, ...e.aliases]) {
      exact.set(memo.words(text).join(' '), e.id);
      // Slug words ("docker in vm") are an exact hit above, but too terse to score against:
      // "is docker a vm" shares every one of their words.
      if (text === slugWords) continue;
      const sequence = memo.tokens(text);
      if (text === e.title) doc.title = sequence.join(' ');
      else doc.phrasings += ` ${sequence.join(' ')}`;
      if (sequence.length === 0) continue;
      const tokens = withBigrams(sequence);
      raw.push({ entry: i, tokens });
      tokens.forEach((t) => bag.add(t));
      const key = [...new Set(sequence)].join(' ');
      (tokenOwners.get(key) ?? tokenOwners.set(key, new Set()).get(key))?.add(e.id);
    }
    const keywordTokens = e.keywords.flatMap((k) => memo.tokens(k));
    keywordTokens.forEach((t) => bag.add(t));
    doc.keywords = keywordTokens.join(' ');
    documents.push(doc);
    bags.push(bag);
    sides.push(e.favours === 'vm' ? 1 : e.favours === 'container' ? -1 : 0);
  });

  // idf over entries: a word in every entry ("container") says little about which one.
  const df = new Map<string, number>();
  for (const bag of bags) for (const t of bag) df.set(t, (df.get(t) ?? 0) + 1);
  const n = entries.length;
  const idf = new Map<string, number>();
  for (const [t, count] of df) idf.set(t, Math.log(1 + n / count));
  // Unknown words weigh like a word found in a handful of entries: chat filler must not drown the question.
  const unknownIdf = Math.log(1 + n / UNKNOWN_WORD_DF);

  const phrasings: IndexedPhrasing[] = raw.map((p) => ({
    ...p,
    norm: Math.sqrt(p.tokens.reduce((sum, t) => sum + (idf.get(t) ?? 0) ** 2, 0)),
  }));
  const postings = new Map<string, number[]>();
  phrasings.forEach((p, pi) => {
    for (const t of p.tokens) (postings.get(t) ?? postings.set(t, []).get(t))?.push(pi);
  });

  const entriesWith = new Map<string, number[]>();
  bags.forEach((bag, ei) => {
    for (const t of bag) (entriesWith.get(t) ?? entriesWith.set(t, []).get(t))?.push(ei);
  });

  const weight = (f: string) => idf.get(f) ?? (f.includes('_') ? 0 : unknownIdf);

  const exactTokens = new Map<string, string>();
  for (const [key, owners] of tokenOwners) if (owners.size === 1) exactTokens.set(key, [...owners][0] as string);

  // Words a typo may be corrected to: everything the knowledge itself writes.
  const vocabulary = new Set<string>(normalizer.knownWords());
  const addWords = (text: string) => memo.words(text).forEach((w) => vocabulary.add(w));
  for (const e of entries) [e.question, e.title, e.short, ...e.aliases, ...e.keywords].forEach(addWords);
  for (const d of knowledge.comparison) [d.name, ...d.aliases].forEach(addWords);
  Object.values(knowledge.language.spellings).forEach(addWords);
  const dimensions: IndexedDimension[] = knowledge.comparison.map((d) => {
    const aliasTokens = [d.name, d.id.replace(/-/g, ' '), ...d.aliases]
      .map((a) => normalizer.tokens(a))
      .filter((ts) => ts.length > 0);
    return { dimension: d, aliasTokens };
  });
  const corrector = createSpellCorrector([...vocabulary].filter((w) => !/\d/.test(w)));
  const fix: WordFixer = (word) => (vocabulary.has(word) ? undefined : corrector.correct(word));
  const anchors = new Set(knowledge.language.anchors.flatMap((a) => normalizer.tokens(a)));

  return {
    entries,
    entryIndex,
    entryKeys: entries.map((e) => [e.id.replace(/-/g, ' '), e.title, e.question, ...e.aliases].map((t) => memo.words(t).join(' '))),
    normalizer,
    exact,
    exactTokens,
    idf,
    unknownIdf,
    phrasings,
    postings,
    entriesWith,
    fix,
    sides,
    anchors,
    dimensions,
    search: createEntrySearch(documents),
    cues: createCueMatcher(knowledge.intent),
    vocabulary,
    exemplars: buildExemplarIndex(exemplars, weight),
    weight,
    againstTokens: new Set(knowledge.intent.against.flatMap((w) => normalizer.tokens(w))),
    openers: entries.map((e) => openerProfile([e.question, ...e.aliases].map((t) => memo.words(t)))),
    textMemo: memo,
  };
}
