import type { Synonyms } from '../knowledge/schema.js';
import { stripChatMarkup } from './strip-markup.js';
import { stem } from './stem.js';

/** Longest question we read; beyond this a message is not a question but a paste. */
export const MAX_QUESTION_CHARS = 2_000;
/** Longest synonym phrase, in words, that the phrase scan looks for. */
const MAX_PHRASE_WORDS = 4;

/** Replaces a word the knowledge base does not know with a known one (typo fixing), or undefined. */
export type WordFixer = (word: string) => string | undefined;

export interface Normalizer {
  /** Meaningful canonical tokens, in order, duplicates kept. `fix` corrects unknown words first. */
  tokens(text: string, fix?: WordFixer): string[];
  /** Every word the normaliser itself knows: stop words and synonym words. */
  knownWords(): Set<string>;
  /** Lowercase ASCII words before synonyms and stop words; what the compare cues look at. */
  words(text: string): string[];
  /** One string for display and grouping: the tokens joined by spaces. */
  normalize(text: string): string;
}

/** Lowercase, accents off, markup off, punctuation and emoji to spaces. */
const PLAIN = /^[^\u0080-\uffff<>*_`~|:@]*$/;

export function toWords(text: string): string[] {
  const clipped = text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
  // Plain ASCII with no markup characters (most of the knowledge, most questions) has nothing
  // to strip or decompose; the regular expressions below are a cold start's biggest cost.
  const plain = PLAIN.test(clipped) ? clipped : stripChatMarkup(clipped).normalize('NFKD').replace(/\p{M}+/gu, '');
  return plain
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/** The normaliser's lookup tables as plain JSON: derived from language.yaml, and saved with the match index (see index-data.ts). */
export interface NormalizerTables {
  spellings: [string, string][];
  stop: string[];
  /** A word, or its stem → its canonical token. */
  singles: [string, string][];
  /** A phrase (its words, or their stems, space-joined) → its canonical token. */
  phrases: [string, string][];
  /** Stop words and every word of the synonyms. */
  known: string[];
}

export function createNormalizer(language: Synonyms): Normalizer {
  return normalizerFrom(normalizerTables(language));
}

export function normalizerTables(language: Synonyms): NormalizerTables {
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

  const known = new Set<string>([...stop]);
  for (const [canonical, variants] of Object.entries(language.synonyms)) {
    for (const v of [canonical, ...variants]) toWords(v).map(respell).forEach((w) => known.add(w));
  }
  return { spellings: [...spellings], stop: [...stop], singles: [...singles], phrases: [...phrases], known: [...known] };
}

/** The normaliser over its tables, just derived or loaded: the same either way. */
export function normalizerFrom(tables: NormalizerTables): Normalizer {
  const spellings = new Map(tables.spellings);
  const respell = (w: string) => spellings.get(w) ?? w;
  const stop = new Set(tables.stop);
  const phrases = new Map(tables.phrases);
  const singles = new Map(tables.singles);
  const known = new Set(tables.known);

  // Phrase lookups start only where a phrase can: most words open none, and a
  // start-up tokenises every answer in the knowledge.
  const phraseStarts = new Set([...phrases.keys()].map((p) => p.slice(0, p.indexOf(' '))));

  function tokens(text: string, fix?: WordFixer): string[] {
    const ws = toWords(text)
      .map(respell)
      .map((w) => (fix === undefined || known.has(w) ? w : (fix(w) ?? w)));
    const stems = ws.map(stem);
    const out: string[] = [];
    for (let i = 0; i < ws.length; ) {
      let matched = false;
      const opens = phraseStarts.has(ws[i] as string) || phraseStarts.has(stems[i] as string);
      for (let n = opens ? Math.min(MAX_PHRASE_WORDS, ws.length - i) : 0; n >= 2; n--) {
        const canonical = phrases.get(ws.slice(i, i + n).join(' ')) ?? phrases.get(stems.slice(i, i + n).join(' '));
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
      const wStem = stems[i - 1] as string;
      const canonical = singles.get(w) ?? singles.get(wStem);
      if (canonical === undefined) {
        out.push(wStem);
        continue;
      }
      out.push(canonical);
      // Keep the word itself too: "docker" must still tell what-is-docker from what-is-a-container.
      const own = wStem;
      if (!own.startsWith(canonical) && !canonical.startsWith(own) && !stop.has(own)) out.push(own);
    }
    return out.filter((t) => !stop.has(t));
  }

  return {
    tokens,
    knownWords: () => known,
    words: (text) => toWords(text).map(respell),
    normalize: (text) => tokens(text).join(' '),
  };
}
