import Fuse from 'fuse.js';

/**
 * Typo correction for single words: "contaner" → "container". fuse.js is the
 * typo-tolerant part; it only runs for words the index does not know, and
 * results are cached because chat repeats its typos.
 */

/** Words shorter than this are never corrected: too many near neighbours. */
const MIN_WORD_LENGTH = 4;
/**
 * fuse.js score (0 exact … 1 unrelated) a correction must beat. 0.34 lets one
 * edit through in 4–5 letter words and two in longer ones ("hypervisr",
 * "virtaulization") while keeping "lunch" away from "launch"-like neighbours.
 */
const MAX_FUSE_SCORE = 0.34;
const CACHE_LIMIT = 5_000;

export interface SpellCorrector {
  /** The known word closest to `word`, or undefined when nothing is close enough. */
  correct(word: string): string | undefined;
}

export function createSpellCorrector(vocabulary: Iterable<string>): SpellCorrector {
  const words = [...new Set(vocabulary)].filter((w) => w.length >= MIN_WORD_LENGTH - 1);
  const fuse = new Fuse(words, {
    includeScore: true,
    threshold: MAX_FUSE_SCORE,
    ignoreLocation: true,
    minMatchCharLength: 2,
    isCaseSensitive: true,
    ignoreDiacritics: true,
  });
  const cache = new Map<string, string | null>();

  return {
    correct(word) {
      if (word.length < MIN_WORD_LENGTH || word.length > 32 || /^\d+$/.test(word)) return undefined;
      const cached = cache.get(word);
      if (cached !== undefined) return cached ?? undefined;
      const best = fuse.search(word, { limit: 10 }).find((r) => acceptable(word, r.item, r.score ?? 1));
      const result = best?.item ?? null;
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, result);
      return result ?? undefined;
    },
  };
}

/** Fuse matches substrings; a correction must also be about the same length and start alike. */
function acceptable(word: string, candidate: string, score: number): boolean {
  if (score > MAX_FUSE_SCORE) return false;
  if (Math.abs(candidate.length - word.length) > Math.max(1, Math.floor(word.length / 4))) return false;
  // People rarely mistype the first letter; allowing it turns "night" into "light".
  return candidate[0] === word[0];
}
