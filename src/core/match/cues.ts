import type { IntentCues } from '../knowledge/schema.js';
import { toWords } from './normalize.js';

export type CueList = keyof IntentCues;

/** One cue list compiled for whole-word lookup: single words in a set, phrases as word arrays. */
interface CompiledCues {
  words: Set<string>;
  phrases: string[][];
}

export interface CueMatcher {
  /** How many cues of the list the words contain (each cue counted once). */
  count(list: CueList, words: readonly string[]): number;
  /** Whether a clause opens like a direct question ("what…", "is docker…", "eli5…"). */
  opensQuestion(words: readonly string[]): boolean;
}

export function createCueMatcher(intent: IntentCues): CueMatcher {
  const compiled = new Map<CueList, CompiledCues>();
  for (const list of Object.keys(intent) as CueList[]) {
    const c: CompiledCues = { words: new Set(), phrases: [] };
    for (const cue of intent[list]) {
      const ws = toWords(cue);
      if (ws.length === 1) c.words.add(ws[0] as string);
      else if (ws.length > 1) c.phrases.push(ws);
    }
    compiled.set(list, c);
  }
  const starts = compiled.get('question_starts') as CompiledCues;

  return {
    count(list, words) {
      const c = compiled.get(list) as CompiledCues;
      const seen = new Set<string>();
      for (const w of words) if (c.words.has(w)) seen.add(w);
      let n = seen.size;
      for (const phrase of c.phrases) if (containsPhrase(words, phrase, 0)) n += 1;
      return n;
    },
    opensQuestion(words) {
      const first = words[0];
      if (first === undefined) return false;
      if (starts.words.has(first)) return true;
      return starts.phrases.some((p) => startsWith(words, p, 0));
    },
  };
}

function startsWith(words: readonly string[], phrase: readonly string[], at: number): boolean {
  for (let j = 0; j < phrase.length; j++) if (words[at + j] !== phrase[j]) return false;
  return true;
}

function containsPhrase(words: readonly string[], phrase: readonly string[], from: number): boolean {
  for (let i = from; i + phrase.length <= words.length; i++) if (startsWith(words, phrase, i)) return true;
  return false;
}
