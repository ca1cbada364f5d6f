import type { Reply } from '../../core/commands/command.js';
import { renderText } from '../../render/text.js';
import type { CliIo } from './cli-command.js';

/** Terminal width for wrapping, or none when piped (scripts want whole lines). */
export function widthOf(stream: NodeJS.WritableStream): number {
  const s = stream as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  return s.isTTY ? Math.min(s.columns ?? 80, 100) : 0;
}

export function writeCard(io: CliIo, reply: Reply): void {
  io.stdout.write(`${renderText(reply.card, { width: widthOf(io.stdout) })}\n`);
}

/** The `ask --json` line: status, id, title, full text rendering, confidence, suggestions. */
export function replyJson(reply: Reply): string {
  const o = reply.outcome;
  return JSON.stringify({
    status: o.status,
    id: o.id ?? null,
    title: o.title ?? null,
    text: renderText(reply.card),
    score: Math.round(o.score * 1000) / 1000,
    suggestions: o.suggestions,
    ...(o.explanation && { explanation: o.explanation }),
  });
}
