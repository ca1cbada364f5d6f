import MiniSearch from 'minisearch';
import type { FaqEntry } from '../knowledge/schema.js';
import type { Normalizer } from './normalize.js';

/**
 * Field weights for BM25 retrieval. Set by hand, not fitted: they only order
 * the candidates the fitted ranker then scores, and they say what a curator
 * would: a phrasing someone asked is the strongest evidence, the title and
 * keywords next, the answer's prose the weakest (it mentions everything).
 */
const FIELD_BOOST = { phrasings: 3, title: 2, keywords: 2, short: 1, answer: 0.5 } as const;
/** How many entries retrieval hands on to the ranker. */
export const MAX_CANDIDATES = 8;

interface EntryDocument {
  id: number;
  phrasings: string;
  title: string;
  keywords: string;
  short: string;
  answer: string;
}

export interface Retrieved {
  entry: number;
  /** BM25+ score over the entry's fields. */
  score: number;
}

export interface EntrySearch {
  search(tokens: readonly string[]): Retrieved[];
}

/**
 * BM25+ over every entry's text (MiniSearch), on the same canonical tokens the
 * rest of the engine uses, so synonyms and typo fixes count here too.
 */
export function createEntrySearch(entries: readonly FaqEntry[], normalizer: Normalizer): EntrySearch {
  const canon = (text: string) => normalizer.tokens(text).join(' ');
  const docs: EntryDocument[] = entries.map((e, i) => ({
    id: i,
    phrasings: [e.question, ...e.aliases].map(canon).join(' '),
    title: canon(e.title),
    keywords: e.keywords.map(canon).join(' '),
    short: canon(e.short),
    answer: canon(e.answer),
  }));
  const mini = new MiniSearch<EntryDocument>({
    fields: Object.keys(FIELD_BOOST),
    // The text is already canonical tokens: no second tokeniser or stemmer may disagree with the first.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => (term === '' ? null : term),
    searchOptions: { boost: { ...FIELD_BOOST }, combineWith: 'OR' },
  });
  mini.addAll(docs);
  return {
    search(tokens) {
      if (tokens.length === 0) return [];
      return mini
        .search(tokens.join(' '))
        .slice(0, MAX_CANDIDATES)
        .map((r) => ({ entry: r.id as number, score: r.score }));
    },
  };
}
