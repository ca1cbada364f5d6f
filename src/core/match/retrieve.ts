import type MiniSearch from 'minisearch';
import { loadMiniSearch } from './lazy-modules.js';
import { loadLists, saveLists, type SavedLists } from './saved-lists.js';

/**
 * Field weights for BM25 retrieval. Set by hand, not fitted: they only order
 * the candidates the fitted ranker then scores, and they say what a curator
 * would: a phrasing someone asked is the strongest evidence, the title and
 * keywords next, the answer's prose the weakest (it mentions everything).
 */
export const FIELD_BOOST = { phrasings: 3, title: 2, keywords: 2, short: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOST);
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

/**
 * MiniSearch's result for one term on its own: the entries that have it, in
 * the order MiniSearch meets them (by the first field that has the term, then
 * by entry), each with its BM25+ score summed over the fields, as
 * [entry, score, entry, score, …].
 */
export type TermHits = readonly number[];

/** What retrieval is built from: the entries' text, or every term's hits saved by an earlier start. */
export type RetrievalSource = { documents: EntryDocument[] } | { termHits: SavedLists };

export interface EntrySearch {
  search(tokens: readonly string[]): Retrieved[];
  /** Every term of the entries' text with its hits: what a later start can load instead of indexing (see index-data.ts). */
  allTermHits(): SavedLists;
}

/**
 * BM25+ over every entry's text (MiniSearch), on the same canonical tokens the
 * rest of the engine uses, so synonyms and typo fixes count here too.
 *
 * MiniSearch scores an OR query as the sum of each term's own score, times the
 * number of the query's terms an entry has, and sorts by score keeping the
 * order it met the entries in. A term's own scores never change, so each is
 * asked of MiniSearch once and remembered: a question then costs a few
 * additions instead of a search (a MiniSearch search was most of a question's
 * time), with the same scores and the same order (tests/core/retrieve.test.ts
 * checks against MiniSearch itself). Built from every term's saved hits, no
 * MiniSearch index is built at all.
 */
export function createEntrySearch(source: RetrievalSource, entryCount: number): EntrySearch {
  const docs = 'documents' in source ? source.documents : [];
  const saved = 'termHits' in source ? loadLists(source.termHits) : undefined;
  const table = new Map<string, TermHits>();
  // Terms no entry has: MiniSearch finds nothing for them, and neither may the table.
  const known = new Set<string>(saved?.keys());
  for (const doc of docs) for (const field of FIELDS) for (const t of termsOf(doc[field as keyof typeof FIELD_BOOST])) known.add(t);
  let mini: MiniSearch<EntryDocument> | undefined;
  const scores = new Float64Array(entryCount);
  const termCount = new Int32Array(entryCount);
  const met: number[] = [];

  const hitsOf = (term: string): TermHits | undefined => {
    if (!known.has(term)) return undefined;
    let hits = table.get(term);
    if (hits === undefined) {
      hits = saved?.get(term) ?? singleTermHits((mini ??= buildMiniSearch(docs)), term);
      table.set(term, hits);
    }
    return hits;
  };

  return {
    search(tokens) {
      if (tokens.length === 0) return [];
      // How MiniSearch reads the query: the tokens joined, split on spaces again.
      const terms = termsOf(tokens.join(' '));
      // Per entry, reused: its summed score and how many distinct terms it has; `met` is the order entries were first met in.
      met.length = 0;
      const counted = new Set<string>();
      for (const term of terms) {
        const hits = hitsOf(term);
        if (hits === undefined) continue;
        // A term asked twice adds its score twice but counts once, as in MiniSearch.
        const distinct = counted.has(term) ? 0 : 1;
        counted.add(term);
        for (let i = 0; i < hits.length; i += 2) {
          const entry = hits[i] as number;
          const score = hits[i + 1] as number;
          if (termCount[entry] === 0) {
            met.push(entry);
            scores[entry] = score;
          } else scores[entry] = (scores[entry] as number) + score;
          termCount[entry] = (termCount[entry] as number) + distinct;
        }
      }
      const results: Retrieved[] = [];
      for (const entry of met) {
        results.push({ entry, score: (scores[entry] as number) * ((termCount[entry] as number) || 1) });
        termCount[entry] = 0;
      }
      // Array.prototype.sort is stable: ties keep the order MiniSearch met the entries in, as it does.
      return results.sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
    },
    allTermHits() {
      return saveLists([...known].map((term) => [term, hitsOf(term) as TermHits] as const));
    },
  };
}

function termsOf(text: string): string[] {
  return text.split(' ').filter((t) => t !== '');
}

function buildMiniSearch(docs: readonly EntryDocument[]): MiniSearch<EntryDocument> {
  const MiniSearchClass = loadMiniSearch();
  const mini = new MiniSearchClass<EntryDocument>({
    fields: FIELDS,
    // The text is already canonical tokens: no second tokeniser or stemmer may disagree with the first.
    tokenize: (text) => text.split(' '),
    processTerm: (term) => (term === '' ? null : term),
    searchOptions: { boost: { ...FIELD_BOOST }, combineWith: 'OR' },
  });
  mini.addAll(docs);
  return mini;
}

/** One term searched on its own, in the order MiniSearch adds its results up (see TermHits). */
function singleTermHits(mini: MiniSearch<EntryDocument>, term: string): TermHits {
  const firstField = (match: Record<string, string[]>) => FIELDS.indexOf(match[term]?.[0] ?? '');
  const found = mini.search(term).map((r) => ({ entry: r.id as number, score: r.score, field: firstField(r.match) }));
  found.sort((a, b) => a.field - b.field || a.entry - b.entry);
  return found.flatMap((r) => [r.entry, r.score]);
}
