/**
 * The keys of the `k` largest values, largest first, ties in the map's own
 * order: what a stable sort of every entry by value and a slice would give,
 * without sorting (or copying) the whole map for the two or three wanted.
 */
export function topKeys<K, V>(map: ReadonlyMap<K, V>, k: number, value: (v: V) => number): K[] {
  const keys: K[] = [];
  const values: number[] = [];
  for (const [key, v] of map) {
    const x = value(v);
    // After every kept value at least as large: a tie stays behind the one met first.
    let at = keys.length;
    while (at > 0 && (values[at - 1] as number) < x) at--;
    if (at >= k) continue;
    keys.splice(at, 0, key);
    values.splice(at, 0, x);
    if (keys.length > k) {
      keys.pop();
      values.pop();
    }
  }
  return keys;
}
