/**
 * The kind of question a clause opens with: "what is…" asks for a definition,
 * "why…" for a reason, "when/which/should…" for a choice, "can…" for a
 * possibility, "is/does…" for a yes or no. Entries are asked in typical ways
 * too, so agreement between the two is evidence for an entry.
 */
export type Opener = 'what' | 'why' | 'choose' | 'can' | 'yesno' | 'how';

const OPENERS = new Map<string, Opener>(Object.entries({
  what: 'what',
  whats: 'what',
  define: 'what',
  explain: 'what',
  eli5: 'what',
  meaning: 'what',
  why: 'why',
  when: 'choose',
  which: 'choose',
  should: 'choose',
  shouldnt: 'choose',
  can: 'can',
  cant: 'can',
  could: 'can',
  is: 'yesno',
  isnt: 'yesno',
  are: 'yesno',
  arent: 'yesno',
  do: 'yesno',
  does: 'yesno',
  doesnt: 'yesno',
  dont: 'yesno',
  will: 'yesno',
  how: 'how',
}) as [string, Opener][]);

/** The opener of a clause's words, or undefined when it does not open like a question. */
export function openerOf(words: readonly string[]): Opener | undefined {
  const first = words[0];
  if (first === undefined) return undefined;
  if (first === 'how' && words[1] === 'come') return 'why';
  return OPENERS.get(first);
}

/** Per opener, the share of an entry's phrasings that open that way. */
export function openerProfile(phrasings: readonly (readonly string[])[]): Map<Opener, number> {
  const counts = new Map<Opener, number>();
  for (const words of phrasings) {
    const o = openerOf(words);
    if (o !== undefined) counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const total = phrasings.length || 1;
  return new Map([...counts].map(([o, n]) => [o, n / total]));
}
