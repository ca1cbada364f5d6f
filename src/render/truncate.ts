/**
 * Shortens marked-up text to a platform limit without leaving a dangling
 * `**`, backtick or code fence: cuts at a paragraph, line or word boundary,
 * then closes whatever the cut left open, and ends with an ellipsis.
 */
const ELLIPSIS = '…';

export function truncateMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  // Room for the closers we might add ("\n```" is the longest) and the ellipsis.
  const budget = Math.max(1, max - 6);
  let cut = text.slice(0, budget);
  const boundary = Math.max(cut.lastIndexOf('\n\n'), cut.lastIndexOf('\n'), cut.lastIndexOf(' '));
  if (boundary > budget * 0.5) cut = cut.slice(0, boundary);
  cut = cut.trimEnd();
  return closeOpenMarkup(cut, ELLIPSIS).slice(0, max);
}

/** Appends `tail` and closes an unbalanced code fence, inline code or bold run. */
function closeOpenMarkup(text: string, tail: string): string {
  const fences = (text.match(/```/g) ?? []).length;
  if (fences % 2 === 1) return `${text}${tail}\n\`\`\``;
  const withoutFences = text.replace(/```[\s\S]*?```/g, '');
  let out = text;
  if ((withoutFences.match(/`/g) ?? []).length % 2 === 1) out = dropLastOpener(out, '`');
  const stripped = out.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
  if ((stripped.match(/\*\*/g) ?? []).length % 2 === 1) out = dropLastOpener(out, '**');
  return `${out}${tail}`;
}

/** Removes the unmatched opener itself: safer than inventing a closer mid-word. */
function dropLastOpener(text: string, marker: string): string {
  const at = text.lastIndexOf(marker);
  return at < 0 ? text : `${text.slice(0, at)}${text.slice(at + marker.length)}`;
}

/** Cuts plain text (no markup) to `max`, at a word boundary when one is near. */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}${ELLIPSIS}`;
}
