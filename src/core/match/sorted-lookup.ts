/**
 * The position of `key` in `sorted` (ascending, as Array.prototype.sort orders
 * strings), or -1. The learned word models keep their words sorted so a cold
 * start reads two arrays instead of building a Map of thousands of keys; a
 * dozen comparisons a word is cheaper than that for the few words a message has.
 */
export function sortedIndexOf(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid] as string;
    if (at === key) return mid;
    if (at < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
