import type Fuse from 'fuse.js';
import { loadFuse } from './lazy-modules.js';

/**
 * Typo correction for single words: "contaner" → "container". fuse.js is the
 * typo-tolerant part; it only runs for words the index does not know, and
 * results are cached because chat repeats its typos.
 */

/** Words shorter than this are never corrected: too many near neighbours. */
const MIN_WORD_LENGTH = 4;
/**
 * fuse.js score (0 exact … 1 unrelated) a candidate must beat to be considered;
 * the edit-distance check below has the final word.
 */
const MAX_FUSE_SCORE = 0.45;
const CACHE_LIMIT = 5_000;

export interface SpellCorrector {
  /** The known word closest to `word`, or undefined when nothing is close enough. */
  correct(word: string): string | undefined;
}

export function createSpellCorrector(vocabulary: Iterable<string>): SpellCorrector {
  const words = [...new Set(vocabulary)].filter((w) => w.length >= MIN_WORD_LENGTH - 1);
  // One fuse.js index per first letter, built on first use: a correction must keep the first
  // letter (see acceptable), so searching the other letters' words is wasted work, and most
  // questions have no unknown word at all.
  const byLetter = new Map<string, string[]>();
  for (const w of words) (byLetter.get(w[0] as string) ?? byLetter.set(w[0] as string, []).get(w[0] as string))?.push(w);
  const indexes = new Map<string, Fuse<string>>();
  const indexFor = (letter: string) => {
    let fuse = indexes.get(letter);
    if (fuse === undefined) {
      const FuseClass = loadFuse();
      fuse = new FuseClass(byLetter.get(letter) ?? [], {
        includeScore: true,
        threshold: MAX_FUSE_SCORE,
        ignoreLocation: true,
        minMatchCharLength: 2,
        isCaseSensitive: true,
        ignoreDiacritics: true,
      });
      indexes.set(letter, fuse);
    }
    return fuse;
  };
  const cache = new Map<string, string | null>();

  return {
    correct(word) {
      if (word.length < MIN_WORD_LENGTH || word.length > 32 || /^\d+$/.test(word)) return undefined;
      const cached = cache.get(word);
      if (cached !== undefined) return cached ?? undefined;
      const best = indexFor(word[0] as string).search(word, { limit: 10 }).find((r) => acceptable(word, r.item, r.score ?? 1));
      const result = best?.item ?? null;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, result);
      return result ?? undefined;
    },
  };
}

/**
 * Fuse ranks candidates; the edit distance decides. One edit (a transposition
 * counts as one: "dokcer") below eight letters, two from eight: enough for
 * real typos, too few to turn "virtualenv" into "virtualize".
 */
function acceptable(word: string, candidate: string, score: number): boolean {
  if (score > MAX_FUSE_SCORE) return false;
  // People rarely mistype the first letter; allowing it turns "night" into "light".
  if (candidate[0] !== word[0]) return false;
  // Short words only get a swapped or wrong letter ("imgae"), never one added or dropped:
  // "lunch" is not a typo of "launch". Two edits only for long words ("virtaulisation").
  if (word.length <= 5 && candidate.length !== word.length) return false;
  return editDistance(word, candidate) <= (word.length < 8 ? 1 : 2);
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
