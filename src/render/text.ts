import type { Card } from '../core/card.js';
import { formatSource } from './source-line.js';

export interface TextRenderOptions {
  /** Number related entries "1." "2." so the console can follow them by number. */
  numberRelated?: boolean;
  /** Wrap prose at this many columns (code blocks are left alone). 0 = no wrapping. */
  width?: number;
}

/** Neutral markup → plain text: bold markers go, bullets become "•". */
export function markupToText(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/^- /gm, '• ');
}

/** Where a wrapped line's continuation starts: under the text of a bullet, a label or a table column. */
function hangingIndent(line: string): number {
  const column = /^(\s*(?:• |\S[^ ]*(?: \S+)*? {2,}|VM: +|Container: +|Sources: |→ ))/.exec(line.trimEnd());
  const lead = /^\s*/.exec(line)?.[0].length ?? 0;
  return Math.min(column?.[1]?.length ?? lead, 40);
}

/** Wraps prose to `width` columns with hanging indents; code blocks are left alone. 0 = no wrapping. */
export function wrapText(text: string, width: number): string {
  if (width <= 0) return text;
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) inFence = !inFence;
      if (inFence || line.length <= width || line.startsWith('```')) return line;
      const lead = /^\s*/.exec(line)?.[0] ?? '';
      const indent = ' '.repeat(hangingIndent(line.slice(lead.length)) + lead.length);
      const out: string[] = [];
      let current = lead;
      for (const word of line.slice(lead.length).split(' ')) {
        if (current.trim() !== '' && current.length + 1 + word.length > width) {
          out.push(current);
          current = indent + word;
        } else current = current.trim() === '' ? current + word : `${current} ${word}`;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

/** The card as plain text: the console, the CLI, and every platform's notification fallback. */
export function renderText(card: Card, options: TextRenderOptions = {}): string {
  const width = options.width ?? 0;
  const parts: string[] = [`${card.title}\n${'='.repeat(Math.min(card.title.length, 60))}`];
  if (card.body !== '') parts.push(wrapText(markupToText(card.body), width));

  switch (card.kind) {
    case 'comparison':
      for (const row of card.rows) {
        parts.push(
          wrapText(
            [`${row.name}`, `  VM:        ${row.vm}`, `  Container: ${row.container}`, ...(card.rows.length > 1 ? [`  → ${row.verdict}`] : [])].join('\n'),
            width,
          ),
        );
      }
      break;
    case 'topics':
      for (const group of card.groups) {
        parts.push([`[${group.tag}]`, ...group.entries.map((e) => `  ${e.id.padEnd(28)} ${e.title}`)].join('\n'));
      }
      break;
    case 'help':
      parts.push(wrapText(['Commands:', ...card.commands.map((c) => `  /vmvc ${c.usage.padEnd(22)}  ${c.summary}`)].join('\n'), width));
      if (card.examples.length > 0) parts.push(['Try:', ...card.examples.map((e) => `  ${e}`)].join('\n'));
      break;
    default:
      break;
  }

  if (card.related.length > 0) {
    const label =
      card.kind === 'suggest'
        ? 'Pick one:'
        : card.kind === 'tip'
          ? 'Tell me more:'
          : card.kind === 'declined' && card.reason === 'operations'
            ? 'Closest background topic:'
            : card.kind === 'declined' || card.kind === 'help'
              ? 'Popular topics:'
              : 'Related:';
    parts.push(
      [label, ...card.related.map((r, i) => (options.numberRelated ? `  ${i + 1}. ${r.title} (${r.id})` : `  - ${r.title} (${r.id})`))].join('\n'),
    );
  }
  if (card.sources.length > 0) parts.push(wrapText(`Sources: ${card.sources.map(formatSource).join('; ')}`, width));
  if (card.footer) parts.push(wrapText(card.footer, width));
  return parts.join('\n\n');
}
