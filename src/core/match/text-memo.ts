import { toWords, type Normalizer } from './normalize.js';

/** The words and canonical tokens of texts already seen, as plain JSON. */
export interface TextMemoData {
  words: Record<string, string[]>;
  tokens: Record<string, string[]>;
}

/**
 * Normalising every phrasing of the knowledge is most of building the index,
 * and the result only changes with the text, language.yaml and the normaliser.
 * The memo remembers it, so a cold `vmvc ask` can start from a saved copy.
 */
export interface TextMemo {
  words(text: string): string[];
  tokens(text: string): string[];
  /** How many texts were normalised here rather than remembered: worth saving when above 0. */
  readonly added: number;
  data(): TextMemoData;
}

export function createTextMemo(normalizer: Normalizer, saved?: TextMemoData): TextMemo {
  const words = new Map<string, string[]>(Object.entries(saved?.words ?? {}));
  const tokens = new Map<string, string[]>(Object.entries(saved?.tokens ?? {}));
  let added = 0;
  const remember = <T>(map: Map<string, T>, text: string, compute: (t: string) => T): T => {
    const known = map.get(text);
    if (known !== undefined) return known;
    const value = compute(text);
    map.set(text, value);
    added += 1;
    return value;
  };
  return {
    words: (text) => remember(words, text, toWords),
    tokens: (text) => remember(tokens, text, (t) => normalizer.tokens(t)),
    get added() {
      return added;
    },
    data: () => ({ words: Object.fromEntries(words), tokens: Object.fromEntries(tokens) }),
  };
}
