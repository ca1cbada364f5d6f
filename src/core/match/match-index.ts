import type { ComparisonDimension, FaqEntry, Knowledge } from '../knowledge/schema.js';
import { normalizerFrom, type Normalizer, type WordFixer } from './normalize.js';

import { createSpellCorrector } from './spell.js';
import { createCueMatcher, type CueMatcher } from './cues.js';
import { createEntrySearch, type EntrySearch } from './retrieve.js';
import type { Opener } from './opener.js';
import { exemplarIndexFrom, type ExemplarIndex } from './exemplars.js';
import type { WordScopeModel } from './word-scope.js';
import { entryWordsFor, type EntryWords } from './entry-words.js';
import { idfFrom, type IndexData } from './index-data.js';
import { loadLists, type ListLookup } from './saved-lists.js';

export { withBigrams } from './bigrams.js';

export interface IndexedPhrasing {
  entry: number;
  /** Euclidean norm of the phrasing's idf vector (its tokens and bigrams), precomputed for cosine. */
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
  postings: ListLookup;
  /** token → the entries (ascending) with it among their phrasings' and keywords' tokens. */
  entriesWith: ListLookup;
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
  /** The words that mark a question for us, learned from those questions. */
  wordScope: WordScopeModel;
  /** The words that tell one entry from the others, learned from the phrasings and those questions. */
  entryWords: EntryWords;
  /** Weight of a token or bigram in a similarity: its idf, or the unknown-word weight (0 for an unknown bigram). */
  weight: (feature: string) => number;
  /** The `against` cues as canonical tokens, dropped when a question is turned to the other side. */
  againstTokens: Set<string>;
  /** "when should I use", as canonical tokens (see turnAgainst). */
  chooseTokens: readonly string[];
  /** The index as plain JSON, every term's retrieval hits filled in: what a later start can load (see index-data.ts). */
  data(): IndexData;
  /** Per entry: how its phrasings open (what…, why…, can…). */
  openers: Map<Opener, number>[];
}

/** The MatchIndex over index data, just built or loaded: the same either way. */
export function matchIndexFrom(knowledge: Knowledge, data: IndexData): MatchIndex {
  const entries = knowledge.faq;
  const normalizer = normalizerFrom(data.normalizer);
  const { idf, unknownIdf } = idfFrom(data.dfTokens, data.dfCounts, entries.length);
  const exactTokens = new Map<string, string>();
  for (let i = 0; i + 1 < data.exactTokens.length; i += 2) exactTokens.set(data.exactTokens[i] as string, data.exactTokens[i + 1] as string);
  // phrasingKey of each entry's question, title, slug words and aliases; a phrasing two entries share is the later one's.
  const exact = new Map<string, string>();
  data.entryKeys.forEach((keys, i) => {
    for (const key of keys) exact.set(key, entries[i]?.id as string);
  });
  const weight = (f: string) => idf.get(f) ?? (f.includes('_') ? 0 : unknownIdf);
  const vocabulary = new Set(data.vocabulary);
  const corrector = createSpellCorrector(data.vocabulary.filter((w) => !/\d/.test(w)));
  const fix: WordFixer = (word) => (vocabulary.has(word) ? undefined : corrector.correct(word));
  const search = createEntrySearch(data.retrieval, entries.length);

  return {
    entries,
    entryIndex: new Map(entries.map((e, i) => [e.id, i])),
    entryKeys: data.entryKeys,
    normalizer,
    exact,
    exactTokens,
    idf,
    unknownIdf,
    phrasings: data.phrasings,
    postings: loadLists(data.postings),
    entriesWith: loadLists(data.entriesWith),
    fix,
    sides: data.sides,
    anchors: new Set(data.anchors),
    dimensions: knowledge.comparison.map((dimension, i) => ({ dimension, aliasTokens: data.dimensionAliases[i] ?? [] })),
    search,
    cues: createCueMatcher(knowledge.intent),
    vocabulary,
    exemplars: exemplarIndexFrom(data.exemplars),
    wordScope: data.wordScope,
    entryWords: entryWordsFor(data.entryWords, entries.map((e) => e.id)),
    weight,
    againstTokens: new Set(data.againstTokens),
    chooseTokens: data.chooseTokens,
    openers: data.openers.map((pairs) => new Map(pairs)),
    data: () => ({ ...data, retrieval: { termHits: search.allTermHits() } }),
  };
}
