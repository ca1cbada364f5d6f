import MiniSearch from 'minisearch';

/**
 * Field weights for BM25 retrieval. Set by hand, not fitted: they only order
 * the candidates the fitted ranker then scores, and they say what a curator
 * would: a phrasing someone asked is the strongest evidence, the title and
 * keywords next, the answer's prose the weakest (it mentions everything).
 */
const FIELD_BOOST = { phrasings: 3, title: 2, keywords: 2, short: 1 } as const;
/** How many entries retrieval hands on to the ranker. */
export const MAX_CANDIDATES = 8;

/** One entry's text as canonical tokens (space-joined), per field. */
export interface EntryDocument {
  /** The entry's position in the knowledge. */
  id: number;
  phrasings: string;
  title: string;
  keywords: string;
  short: string;
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
export function createEntrySearch(docs: readonly EntryDocument[]): EntrySearch {
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
