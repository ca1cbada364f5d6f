import type { EntryRef } from '../../core/card.js';
import type { Reply } from '../../core/commands/command.js';
import type { Core } from '../../core/create-core.js';

/**
 * One console conversation: turns a typed line into the reply the chat
 * platforms would give. Kept apart from readline so it is a plain function of
 * its input.
 */
export type ConsoleTurn =
  | { type: 'reply'; reply: Reply; /** Console-only advice printed after the card. */ hint?: string }
  | { type: 'quit' }
  | { type: 'note'; text: string }
  | { type: 'nothing' };

const CONSOLE_HINT = 'In this console: type a number to follow a related topic, /vmvc <command> for any slash command, quit (or Ctrl-D) to leave.';

export interface ConsoleSession {
  handle(line: string): ConsoleTurn;
}

const QUIT = new Set(['quit', 'exit', 'bye', ':q', '/quit', '/exit']);
const SLASH = /^\/vmvc(?:\s+|$)/i;

export function createConsoleSession(core: Core): ConsoleSession {
  let lastRelated: EntryRef[] = [];
  const remember = (reply: Reply): ConsoleTurn => {
    lastRelated = reply.card.related;
    return { type: 'reply', reply };
  };
  return {
    handle(line) {
      const text = line.trim();
      if (QUIT.has(text.toLowerCase())) return { type: 'quit' };
      if (/^\d{1,2}$/.test(text)) {
        const picked = lastRelated[Number(text) - 1];
        if (picked) {
          const reply = core.show(picked.id);
          if (reply) return remember(reply);
        }
        return { type: 'note', text: lastRelated.length > 0 ? `Pick a number from 1 to ${lastRelated.length}.` : 'There is nothing numbered to follow yet.' };
      }
      if (SLASH.test(text)) return remember(core.respond(text.replace(SLASH, ''), { platform: 'console' }));
      if (text === '') return { type: 'nothing' };
      if (text.toLowerCase() === 'help' || text === '?') return { ...remember(core.respond('help', { platform: 'console' })), hint: CONSOLE_HINT };
      return remember(core.ask(text, { platform: 'console' }));
    },
  };
}
