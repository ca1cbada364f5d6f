import type { EntryRef } from '../card.js';
import type { MatchIndex } from './match-index.js';
import { matchQuestion } from './match-question.js';
import { phrasingKey } from './phrasing-key.js';

/** Discord allows 25 choices; Slack's external selects allow 100. */
export const MAX_AUTOCOMPLETE = 25;

/**
 * Ranks entries for a half-typed question: exact slug or phrasing first, then
 * entries with a phrasing that starts with the text, then fuzzy matches. An
 * empty field gets the pinned entries.
 */
export function autocompleteEntries(index: MatchIndex, text: string, limit = MAX_AUTOCOMPLETE): EntryRef[] {
  const key = phrasingKey(text);
  const ref = (i: number): EntryRef => {
    const e = index.entries[i] as (typeof index.entries)[number];
    return { id: e.id, title: e.title };
  };
  if (key === '') {
    const pinned = index.entries.map((e, i) => ({ e, i })).filter(({ e }) => e.pinned);
    const rest = index.entries.map((e, i) => ({ e, i })).filter(({ e }) => !e.pinned);
    return [...pinned, ...rest].slice(0, limit).map(({ i }) => ref(i));
  }
  const ranked: number[] = [];
  const add = (i: number | undefined) => {
    if (i !== undefined && !ranked.includes(i)) ranked.push(i);
  };
  const slug = text.trim().toLowerCase();
  add(index.entryIndex.get(slug));
  const exactId = index.exact.get(key);
  if (exactId !== undefined) add(index.entryIndex.get(exactId));
  index.entries.forEach((e, i) => {
    if (e.id.startsWith(slug) || index.entryKeys[i]?.[0]?.startsWith(key)) add(i);
  });
  index.entryKeys.forEach((keys, i) => {
    if (keys.some((k) => k.startsWith(key))) add(i);
  });
  for (const c of matchQuestion(index, text).candidates) add(index.entryIndex.get(c.id));
  return ranked.slice(0, limit).map(ref);
}
