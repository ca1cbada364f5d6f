import type { Synonyms } from '../knowledge/schema.js';
import { stripChatMarkup } from './strip-markup.js';
import { stem } from './stem.js';

/** Longest question we read; beyond this a message is not a question but a paste. */
export const MAX_QUESTION_CHARS = 2_000;
/** Longest synonym phrase, in words, that the phrase scan looks for. */
const MAX_PHRASE_WORDS = 4;

export interface Normalizer {
  /** Meaningful canonical tokens, in order, duplicates kept. */
  tokens(text: string): string[];
  /** Lowercase ASCII words before synonyms and stop words; what the compare cues look at. */
  words(text: string): string[];
  /** One string for display and grouping: the tokens joined by spaces. */
  normalize(text: string): string;
}

/** Lowercase, accents off, markup off, punctuation and emoji to spaces. */
export function toWords(text: string): string[] {
  const clipped = text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
  return stripChatMarkup(clipped)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

export function createNormalizer(language: Synonyms): Normalizer {
  const spellings = new Map(Object.entries(language.spellings));
  const respell = (w: string) => spellings.get(w) ?? w;
  const stop = new Set(language.stopwords.flatMap((w) => toWords(w)));

  // phrase (space-joined canonical-form words) → canonical token
  const phrases = new Map<string, string>();
  const singles = new Map<string, string>();
  for (const [canonical, variants] of Object.entries(language.synonyms)) {
    for (const variant of [canonical, ...variants]) {
      const ws = toWords(variant).map(respell);
      if (ws.length === 0) continue;
      if (ws.length === 1) {
        singles.set(ws[0] as string, canonical);
        singles.set(stem(ws[0] as string), canonical);
      } else {
        phrases.set(ws.join(' '), canonical);
        phrases.set(ws.map(stem).join(' '), canonical);
      }
    }
  }

  function tokens(text: string): string[] {
    const ws = toWords(text).map(respell);
    const out: string[] = [];
    for (let i = 0; i < ws.length; ) {
      let matched = false;
      for (let n = Math.min(MAX_PHRASE_WORDS, ws.length - i); n >= 2; n--) {
        const slice = ws.slice(i, i + n);
        const canonical = phrases.get(slice.join(' ')) ?? phrases.get(slice.map(stem).join(' '));
        if (canonical !== undefined) {
          out.push(canonical);
          i += n;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const w = ws[i] as string;
      i += 1;
      if (stop.has(w)) continue;
      const canonical = singles.get(w) ?? singles.get(stem(w));
      if (canonical !== undefined) out.push(canonical);
      else out.push(stem(w));
    }
    return out.filter((t) => !stop.has(t));
  }

  return {
    tokens,
    words: (text) => toWords(text).map(respell),
    normalize: (text) => tokens(text).join(' '),
  };
}
