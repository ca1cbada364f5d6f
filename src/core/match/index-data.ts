import type { Knowledge } from '../knowledge/schema.js';
import { withBigrams } from './bigrams.js';
import { exemplarData, type Exemplar, type ExemplarData } from './exemplars.js';
import { normalizerFrom, normalizerTables, type Normalizer, type NormalizerTables } from './normalize.js';
import { openerProfile, type Opener } from './opener.js';
import type { EntryDocument, RetrievalSource } from './retrieve.js';
import { saveLists, type SavedLists } from './saved-lists.js';
import { createTextMemo } from './text-memo.js';
import type { WordScopeModel } from './word-scope.js';
import type { EntryWordsModel } from './entry-words.js';

/**
 * Everything the matcher derives from the knowledge, as plain JSON. Building it
 * (normalising every phrasing, indexing the exemplars and the entries' text)
 * is most of a start; it only changes with the knowledge, the exemplars and
 * the engine's code, so the CLI saves it in the user's cache and a later
 * `vmvc ask` loads it instead (see knowledge/cache.ts). match-index.ts turns it
 * into the MatchIndex, the same way whether it was just built or loaded.
 */
export interface IndexData {
  /** The normaliser's tables, from language.yaml. */
  normalizer: NormalizerTables;
  /** A phrasing's canonical tokens (each once, in order), space-joined, and its entry id, when only one entry has them: [key, id, key, id, …]. */
  exactTokens: string[];
  /** Per entry: phrasingKey of its slug words, title, question and aliases: its exact hits, and autocomplete's prefixes. */
  entryKeys: string[][];
  /** The tokens and bigrams of the phrasings and keywords, and how many entries have each (see idfFrom). */
  dfTokens: string[];
  dfCounts: number[];
  /** Per phrasing: its entry, and the norm of its idf vector. */
  phrasings: { entry: number; norm: number }[];
  /** token or bigram → phrasing indexes. */
  postings: SavedLists;
  /** token → the entries (ascending) with it among their phrasings' and keywords' tokens. */
  entriesWith: SavedLists;
  /** Per entry: +1 argues for VMs, -1 for containers, 0 neither. */
  sides: number[];
  anchors: string[];
  /** Per comparison dimension: its name, id and aliases as canonical tokens. */
  dimensionAliases: string[][][];
  /** Every word the knowledge writes. */
  vocabulary: string[];
  /** Retrieval's source: the entries' text, or (when saved) every term's hits, so a loaded index never builds MiniSearch. */
  retrieval: RetrievalSource;
  exemplars: ExemplarData;
  againstTokens: string[];
  /** "when should I use", as canonical tokens: what a question turned against one side asks of the other. */
  chooseTokens: string[];
  /** What `npm run fit` learned, carried in the saved index so a start loading it needs no fitted module. */
  wordScope: WordScopeModel;
  entryWords: EntryWordsModel;
  /** Per entry: how its phrasings open (what…, why…, can…), as [opener, share] pairs. */
  openers: [Opener, number][][];
}

/**
 * Words the knowledge never uses weigh like a word found in this many entries
 * (idf = ln(1 + N / this)): chat filler must not drown the question, and an
 * unknown word must still count against an entry that lacks it.
 */
const UNKNOWN_WORD_DF = 4;

/** idf over entries, from document frequencies: a word in every entry ("container") says little about which one. */
export function idfFrom(tokens: readonly string[], counts: readonly number[], entries: number): { idf: Map<string, number>; unknownIdf: number } {
  const idf = new Map<string, number>();
  tokens.forEach((t, i) => idf.set(t, Math.log(1 + entries / (counts[i] as number))));
  // Unknown words weigh like a word found in a handful of entries: chat filler must not drown the question.
  return { idf, unknownIdf: Math.log(1 + entries / UNKNOWN_WORD_DF) };
}

/** What the fit learned from earlier questions, as the index is built with it. */
export interface Learned {
  exemplars: readonly Exemplar[];
  wordScope: WordScopeModel;
  entryWords: EntryWordsModel;
}

export function buildIndexData(knowledge: Knowledge, learned: Learned): IndexData {
  const { exemplars } = learned;
  const tables = normalizerTables(knowledge.language);
  const normalizer = normalizerFrom(tables);
  // Within one build: titles, questions and aliases are normalised for several uses.
  const memo = createTextMemo(normalizer);
  const entries = knowledge.faq;
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
      // Slug words ("docker in vm") are an exact hit (see entryKeys), but too terse to score
      // against: "is docker a vm" shares every one of their words.
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

  const df = new Map<string, number>();
  for (const bag of bags) for (const t of bag) df.set(t, (df.get(t) ?? 0) + 1);
  const { idf, unknownIdf } = idfFrom([...df.keys()], [...df.values()], entries.length);

  const phrasings = raw.map((p) => ({
    entry: p.entry,
    norm: Math.sqrt(p.tokens.reduce((sum, t) => sum + (idf.get(t) ?? 0) ** 2, 0)),
  }));
  const postings = new Map<string, number[]>();
  raw.forEach((p, pi) => {
    for (const t of p.tokens) (postings.get(t) ?? postings.set(t, []).get(t))?.push(pi);
  });
  const entriesWith = new Map<string, number[]>();
  bags.forEach((bag, ei) => {
    for (const t of bag) (entriesWith.get(t) ?? entriesWith.set(t, []).get(t))?.push(ei);
  });

  const weight = (f: string) => idf.get(f) ?? (f.includes('_') ? 0 : unknownIdf);

  const exactTokens: string[] = [];
  for (const [key, owners] of tokenOwners) if (owners.size === 1) exactTokens.push(key, [...owners][0] as string);

  // Words a typo may be corrected to: everything the knowledge itself writes.
  const vocabulary = new Set<string>(normalizer.knownWords());
  const addWords = (text: string) => memo.words(text).forEach((w) => vocabulary.add(w));
  for (const e of entries) [e.question, e.title, e.short, ...e.aliases, ...e.keywords].forEach(addWords);
  for (const d of knowledge.comparison) [d.name, ...d.aliases].forEach(addWords);
  Object.values(knowledge.language.spellings).forEach(addWords);
  const dimensionAliases = knowledge.comparison.map((d) =>
    [d.name, d.id.replace(/-/g, ' '), ...d.aliases].map((a) => normalizer.tokens(a)).filter((ts) => ts.length > 0),
  );

  return {
    normalizer: tables,
    exactTokens,
    entryKeys: entries.map((e) => [e.id.replace(/-/g, ' '), e.title, e.question, ...e.aliases].map((t) => memo.words(t).join(' '))),
    dfTokens: [...df.keys()],
    dfCounts: [...df.values()],
    phrasings,
    postings: saveLists(postings),
    entriesWith: saveLists(entriesWith),
    sides,
    anchors: [...new Set(knowledge.language.anchors.flatMap((a) => normalizer.tokens(a)))],
    dimensionAliases,
    vocabulary: [...vocabulary],
    retrieval: { documents },
    exemplars: exemplarData(exemplars, weight),
    againstTokens: againstTokens(knowledge, normalizer),
    chooseTokens: normalizer.tokens('when should i use'),
    wordScope: learned.wordScope,
    entryWords: learned.entryWords,
    openers: entries.map((e) => [...openerProfile([e.question, ...e.aliases].map((t) => memo.words(t)))]),
  };
}

/**
 * The words a question turned against one side drops ("bad", "overkill"). Not the sides
 * themselves, nor the choosing words, which only come with them in phrases such as
 * "not containerize" or "bad fit": dropping those dropped the side the question is about.
 */
function againstTokens(knowledge: Knowledge, normalizer: Normalizer): string[] {
  const keep = new Set(['vm', 'container', 'docker', ...knowledge.intent.choice.flatMap((w) => normalizer.tokens(w))]);
  return [...new Set(knowledge.intent.against.flatMap((w) => normalizer.tokens(w)))].filter((t) => !keep.has(t));
}
