import { toWords } from './normalize.js';

/** Exact-hit key: the words only, so "Why-Lighter?!" and "why lighter" meet. */
export function phrasingKey(text: string): string {
  return toWords(text).join(' ');
}
