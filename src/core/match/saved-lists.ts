/**
 * Number lists by key (postings, retrieval hits) as the saved index stores
 * them: one flat array [key, "1 2 3", key, "4 5", …]. JSON.parse reads a
 * string far faster than a small array of numbers, and thousands of those
 * arrays were most of loading a saved index; a list is decoded the first time
 * it is asked for, and most never are. Numbers survive the round trip exactly
 * (String and Number are each other's inverse for every finite double).
 */
export type SavedLists = string[];

/** A read-only map of number lists. */
export interface ListLookup {
  get(key: string): readonly number[] | undefined;
  keys(): IterableIterator<string>;
}

export function saveLists(lists: Iterable<readonly [string, readonly number[]]>): SavedLists {
  const flat: string[] = [];
  for (const [key, list] of lists) flat.push(key, list.join(' '));
  return flat;
}

export function loadLists(flat: SavedLists): ListLookup {
  const lists = new Map<string, string | number[]>();
  for (let i = 0; i + 1 < flat.length; i += 2) lists.set(flat[i] as string, flat[i + 1] as string);
  return {
    get(key) {
      const list = lists.get(key);
      if (typeof list !== 'string') return list;
      const decoded = list === '' ? [] : list.split(' ').map(Number);
      lists.set(key, decoded);
      return decoded;
    },
    keys: () => lists.keys(),
  };
}
