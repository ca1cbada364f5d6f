/**
 * A deliberately small English stemmer: plurals and a few verb endings. Enough
 * to make "images"/"image" and "booting"/"boot" meet; anything smarter would
 * merge words the FAQ keeps apart.
 */
const KEEP = new Set(['kubernetes', 'os', 'windows', 'aws', 'ios', 'macos', 'linux', 'postgres', 'vs', 'less', 'this', 'has', 'was', 'does', 'is', 'its', 'gas', 'bus', 'plus', 'status', 'virus', 'process', 'access', 'class']);

export function stem(word: string): string {
  if (word.length <= 3 || KEEP.has(word) || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) {
    const root = word.slice(0, -3);
    // running → run, spinning → spin
    return /([b-df-hj-kmnp-rtv-z])\1$/.test(root) ? root.slice(0, -1) : root;
  }
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}
