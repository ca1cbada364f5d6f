/** Adjacent-token pairs, so "vm better" and "container better" tell when-vm from when-docker. */
export function withBigrams(tokens: readonly string[]): string[] {
  const features = [...new Set(tokens)];
  for (let i = 0; i + 1 < tokens.length; i++) features.push(`${tokens[i]}_${tokens[i + 1]}`);
  return [...new Set(features)];
}
