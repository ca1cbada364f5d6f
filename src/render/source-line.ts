import type { SourceRef } from '../core/card.js';

/** "Title (Site, 2025-05-18)": the same citation wording on every platform. */
export function formatSource(s: SourceRef): string {
  const extra = [s.site ?? s.author, s.date].filter((x): x is string => x !== undefined);
  return extra.length > 0 ? `${s.title} (${extra.join(', ')})` : s.title;
}

export function formatSources(sources: readonly SourceRef[]): string {
  return sources.map(formatSource).join('; ');
}
