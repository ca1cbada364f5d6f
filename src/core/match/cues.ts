import type { IntentCues } from '../knowledge/schema.js';
import { toWords } from './normalize.js';

export type CueList = keyof IntentCues;

/** One cue list compiled for whole-word lookup: single words in a set, phrases as word arrays. */
interface CompiledCues {
  words: Set<string>;
  /** Phrases by their first word: a message is scanned once, not once per phrase. */
  phrases: Map<string, string[][]>;
}

export interface CueMatcher {
  /** How many cues of the list the words contain (each cue counted once). */
  count(list: CueList, words: readonly string[]): number;
  /** Whether a clause opens like a direct question ("what…", "is docker…", "eli5…"). */
  opensQuestion(words: readonly string[]): boolean;
  /** Whether a clause opens with one of the list's cues. */
  opensWith(list: CueList, words: readonly string[]): boolean;
}

export function createCueMatcher(intent: IntentCues): CueMatcher {
  const compiled = new Map<CueList, CompiledCues>();
  for (const list of Object.keys(intent) as CueList[]) {
    const c: CompiledCues = { words: new Set(), phrases: new Map() };
    for (const cue of intent[list]) {
      const ws = toWords(cue);
      const first = ws[0];
      if (first === undefined) continue;
      if (ws.length === 1) c.words.add(first);
      else (c.phrases.get(first) ?? c.phrases.set(first, []).get(first))?.push(ws);
    }
    compiled.set(list, c);
  }
  const starts = compiled.get('question_starts') as CompiledCues;

  return {
    count(list, words) {
      const c = compiled.get(list) as CompiledCues;
      const seen = new Set<string>();
      const phrasesSeen = new Set<string[]>();
      words.forEach((w, i) => {
        if (c.words.has(w)) seen.add(w);
        for (const phrase of c.phrases.get(w) ?? []) if (startsWith(words, phrase, i)) phrasesSeen.add(phrase);
      });
      return seen.size + phrasesSeen.size;
    },
    opensQuestion(words) {
      return opens(starts, words);
    },
    opensWith(list, words) {
      return opens(compiled.get(list) as CompiledCues, words);
    },
  };
}

function opens(c: CompiledCues, words: readonly string[]): boolean {
  const first = words[0];
  if (first === undefined) return false;
  if (c.words.has(first)) return true;
  return (c.phrases.get(first) ?? []).some((p) => startsWith(words, p, 0));
}

function startsWith(words: readonly string[], phrase: readonly string[], at: number): boolean {
  for (let j = 0; j < phrase.length; j++) if (words[at + j] !== phrase[j]) return false;
  return true;
}
