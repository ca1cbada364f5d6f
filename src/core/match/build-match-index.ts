import type { Knowledge } from '../knowledge/schema.js';
import type { Exemplar } from './exemplars.js';
import { FITTED_ENTRY_WORDS } from './fitted-entry-words.js';
import { fittedExemplars } from './fitted-exemplars.js';
import { FITTED_WORD_SCOPE } from './fitted-word-scope.js';
import { buildIndexData, type IndexData } from './index-data.js';
import { matchIndexFrom, type MatchIndex } from './match-index.js';

/**
 * Builds the match index from the knowledge and what `npm run fit` learned.
 * Apart from matchIndexFrom so that a start loading a saved index (a cold
 * `vmvc ask`) never compiles the fitted modules: the saved index carries the
 * learned models itself.
 */
export interface IndexOptions {
  /** Earlier labelled questions (default: the fitted ones). */
  exemplars?: readonly Exemplar[];
  /**
   * The index data a previous start built from the same knowledge, exemplars
   * and engine code (see knowledge/cache.ts): loaded instead of built.
   */
  saved?: IndexData;
}

export function buildMatchIndex(knowledge: Knowledge, options: IndexOptions = {}): MatchIndex {
  const data = options.saved ?? buildIndexData(knowledge, { exemplars: options.exemplars ?? fittedExemplars(), wordScope: FITTED_WORD_SCOPE, entryWords: FITTED_ENTRY_WORDS });
  return matchIndexFrom(knowledge, data);
}
