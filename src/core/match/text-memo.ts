import { toWords, type Normalizer } from './normalize.js';

/**
 * The words and canonical tokens of texts already normalised during one
 * build: a title or question is used for several parts of the index, and
 * normalising the knowledge is most of building it.
 */
export interface TextMemo {
  words(text: string): string[];
  tokens(text: string): string[];
}

export function createTextMemo(normalizer: Normalizer): TextMemo {
  const words = new Map<string, string[]>();
  const tokens = new Map<string, string[]>();
  const remember = <T>(map: Map<string, T>, text: string, compute: (t: string) => T): T => {
    const known = map.get(text);
    if (known !== undefined) return known;
    const value = compute(text);
    map.set(text, value);
    return value;
  };
  return {
    words: (text) => remember(words, text, toWords),
    tokens: (text) => remember(tokens, text, (t) => normalizer.tokens(t)),
  };
}
