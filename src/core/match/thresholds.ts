/**
 * Decision thresholds for the matcher. Tuned on tests/eval/questions.yaml
 * (see tests/core/match-eval.test.ts, which prints the confusion cases): raise
 * ANSWER_MIN and out-of-domain questions stop leaking into answers; lower it and
 * reworded questions get answered instead of suggested.
 */

/** Weight of the best single phrasing (cosine) against whole-entry word coverage. */
export const PHRASING_WEIGHT = 0.55;
/** A score at or above this answers outright, whatever the runner-up scored. */
export const ANSWER_SURE = 0.62;
/** A score at or above this answers when it also leads the runner-up by ANSWER_MARGIN. */
export const ANSWER_MIN = 0.4;
export const ANSWER_MARGIN = 0.06;
/** At or above this (but not answerable) the card asks "did you mean". Below it: declined. */
export const SUGGEST_MIN = 0.3;
/** Suggestions shown must score at least this share of the best one. */
export const SUGGEST_RELATIVE = 0.75;
export const MAX_SUGGESTIONS = 3;
/** idf given to words the knowledge base has never seen: as rare as a word can be. */
export const UNKNOWN_WORD_IDF_FACTOR = 1.0;
