import type { ComparisonDimension } from '../knowledge/schema.js';
import type { MatchIndex } from './match-index.js';

/** Words that turn a question into a request to compare the two. */
const COMPARE_CUES = new Set(['vs', 'versus', 'compare', 'compared', 'comparing', 'comparison', 'contrast', 'differ', 'differs', 'difference', 'differences']);
/** With a cue, these ask for the whole table rather than one row. */
const WHOLE_TABLE_CUES = new Set(['table', 'overview', 'cheat', 'cheatsheet', 'full', 'everything', 'all', 'side']);

/** Tokens that name the two sides, not a dimension: "compare docker and vms" asks for the table. */
const GENERIC_TOKENS = new Set(['container', 'vm', 'difference', 'compare', 'comparison']);

export interface CompareIntent {
  /** The question asks to compare (has a cue word). */
  cue: boolean;
  /** Dimensions named in the question, most specific first. */
  dimensions: ComparisonDimension[];
  /** The question asks for every dimension. */
  whole: boolean;
}

export function detectCompareIntent(index: MatchIndex, words: string[], tokens: string[]): CompareIntent {
  const cue = words.some((w) => COMPARE_CUES.has(w));
  const dimensions = findDimensions(index, tokens);
  const whole =
    cue &&
    dimensions.length === 0 &&
    (words.some((w) => WHOLE_TABLE_CUES.has(w)) || tokens.every((t) => GENERIC_TOKENS.has(t) || COMPARE_CUES.has(t)) && words.some((w) => w.startsWith('compar')));
  return { cue, dimensions, whole };
}

/** Dimensions whose alias appears whole among the tokens; longer aliases rank first. */
export function findDimensions(index: MatchIndex, tokens: string[]): ComparisonDimension[] {
  const present = new Set(tokens);
  const hits: { d: ComparisonDimension; length: number }[] = [];
  for (const { dimension, aliasTokens } of index.dimensions) {
    let best = 0;
    // A plain loop: a closure per alias per message was most of the garbage this function made.
    for (const alias of aliasTokens) if (hasAll(present, alias)) best = Math.max(best, alias.length);
    if (best > 0) hits.push({ d: dimension, length: best });
  }
  return hits.sort((a, b) => b.length - a.length).map((h) => h.d);
}

function hasAll(present: ReadonlySet<string>, alias: readonly string[]): boolean {
  for (let i = 0; i < alias.length; i++) if (!present.has(alias[i] as string)) return false;
  return true;
}
