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

function wrap(text: string, width: number): string {
  if (width <= 0) return text;
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('```')) inFence = !inFence;
      if (inFence || line.length <= width || line.startsWith('```')) return line;
      const indent = line.startsWith('• ') ? '  ' : '';
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && current.length + 1 + word.length > width) {
          out.push(current);
          current = indent + word;
        } else current = current === '' ? word : `${current} ${word}`;
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
  if (card.body !== '') parts.push(wrap(markupToText(card.body), width));

  switch (card.kind) {
    case 'comparison':
      for (const row of card.rows) {
        parts.push(
          wrap(
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
      parts.push(['Commands:', ...card.commands.map((c) => `  /vmvc ${c.usage.padEnd(22)} ${c.summary}`)].join('\n'));
      parts.push(['Try:', ...card.examples.map((e) => `  ${e}`)].join('\n'));
      break;
    default:
      break;
  }

  if (card.related.length > 0) {
    const label = card.kind === 'suggest' ? 'Pick one:' : card.kind === 'tip' ? 'Learn more:' : card.kind === 'declined' || card.kind === 'help' ? 'Popular topics:' : 'Related:';
    parts.push(
      [label, ...card.related.map((r, i) => (options.numberRelated ? `  ${i + 1}. ${r.title} (${r.id})` : `  - ${r.title} (${r.id})`))].join('\n'),
    );
  }
  if (card.sources.length > 0) parts.push(`Sources: ${card.sources.map(formatSource).join('; ')}`);
  if (card.footer) parts.push(card.footer);
  return parts.join('\n\n');
}
