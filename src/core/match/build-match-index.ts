import type { Knowledge } from '../knowledge/schema.js';
import { entryWordsFor, type EntryWordsModel } from './entry-words.js';
import type { Exemplar } from './exemplars.js';
import { FITTED_ENTRY_WORDS } from './fitted-entry-words.js';
import { fittedExemplars } from './fitted-exemplars.js';
import { FITTED_WORD_SCOPE } from './fitted-word-scope.js';
import { buildIndexData, type IndexData } from './index-data.js';
import { matchIndexFrom, type MatchIndex } from './match-index.js';
import type { WordScopeModel } from './word-scope.js';

/**
 * Builds the match index from the knowledge and what `npm run fit` learned.
 * Apart from matchIndexFrom so that a start loading a saved index (a cold
 * `vmvc ask`) never compiles the fitted modules: the saved index carries the
 * learned models itself.
 */
export interface IndexOptions {
  /** Earlier labelled questions (default: the fitted ones). */
  exemplars?: readonly Exemplar[];
  /** The word-scope model learned from them (default: the fitted one). */
  wordScope?: WordScopeModel;
  /** The entry-words model (default: the fitted one). */
  entryWords?: EntryWordsModel;
  /**
   * The index data a previous start built from the same knowledge, exemplars
   * and engine code (see knowledge/cache.ts): loaded instead of built.
   */
  saved?: IndexData;
}

export function buildMatchIndex(knowledge: Knowledge, options: IndexOptions = {}): MatchIndex {
  if (options.saved !== undefined) return matchIndexFrom(knowledge, options.saved);
  const index = matchIndexFrom(knowledge, buildIndexData(knowledge, { exemplars: options.exemplars ?? fittedExemplars(), wordScope: FITTED_WORD_SCOPE, entryWords: FITTED_ENTRY_WORDS }));
  // The fit's per-fold models replace the fitted ones in the index it judges with.
  return {
    ...index,
    ...(options.wordScope && { wordScope: options.wordScope }),
    ...(options.entryWords && { entryWords: entryWordsFor(options.entryWords, knowledge.faq.map((e) => e.id)) }),
  };
}
