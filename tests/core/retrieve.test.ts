import path from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { FITTED_ENTRY_WORDS } from '../../src/core/match/fitted-entry-words.js';
import { fittedExemplars } from '../../src/core/match/fitted-exemplars.js';
import { FITTED_WORD_SCOPE } from '../../src/core/match/fitted-word-scope.js';
import { buildIndexData } from '../../src/core/match/index-data.js';
import { createNormalizer } from '../../src/core/match/normalize.js';
import { FIELD_BOOST, MAX_CANDIDATES, createEntrySearch, type EntryDocument } from '../../src/core/match/retrieve.js';
import type { SavedLists } from '../../src/core/match/saved-lists.js';
import { loadEvalSets } from '../eval/eval-sets.js';
import { ROOT } from '../helpers/run-node.js';

// Retrieval adds up MiniSearch's per-term scores itself (see retrieve.ts): it must rank and
// score exactly as a MiniSearch search over the same documents, ties included, whether the
// per-term scores come from MiniSearch now or from an index saved by an earlier start.
describe('retrieval', () => {
  it('gives what MiniSearch gives for every evaluation message, fresh and from saved hits', () => {
    const knowledge = loadKnowledge(path.join(ROOT, 'knowledge'), { cache: false });
    const data = buildIndexData(knowledge, { exemplars: fittedExemplars(), wordScope: FITTED_WORD_SCOPE, entryWords: FITTED_ENTRY_WORDS });
    const documents = (data.retrieval as { documents: EntryDocument[] }).documents;
    const mini = new MiniSearch<EntryDocument>({
      fields: Object.keys(FIELD_BOOST),
      tokenize: (text) => text.split(' '),
      processTerm: (term) => (term === '' ? null : term),
      searchOptions: { boost: { ...FIELD_BOOST }, combineWith: 'OR' },
    });
    mini.addAll(documents);
    const fresh = createEntrySearch({ documents }, documents.length);
    const saved = createEntrySearch({ termHits: JSON.parse(JSON.stringify(fresh.allTermHits())) as SavedLists }, documents.length);
    const normalizer = createNormalizer(knowledge.language);
    const messages = loadEvalSets(path.join(ROOT, 'tests/eval'));
    let ties = 0;
    for (const m of messages) {
      const tokens = [...new Set(normalizer.tokens(m.text))];
      const all = tokens.length === 0 ? [] : mini.search(tokens.join(' '));
      const expected = all.slice(0, MAX_CANDIDATES).map((r) => ({ entry: r.id as number, score: r.score }));
      if (all.some((r, i) => i > 0 && r.score === all[i - 1]?.score)) ties += 1;
      expect(fresh.search(tokens), m.text).toEqual(expected);
      expect(saved.search(tokens), m.text).toEqual(expected);
    }
    // Ties are where the order MiniSearch meets entries in shows: the data must have some.
    expect(ties).toBeGreaterThan(0);
  });
});
