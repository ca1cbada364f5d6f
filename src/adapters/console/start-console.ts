import { createInterface } from 'node:readline';
import type { Core } from '../../core/create-core.js';
import { renderText, wrapText } from '../../render/text.js';
import { createConsoleSession } from './console-session.js';

export interface ConsoleStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

const PROMPT = 'vmvc> ';

/**
 * The local chat: same core, same cards as Slack and Discord, rendered as text.
 * Works on a terminal and on piped stdin (no prompt echo when piped), and
 * resolves when the input ends, `quit` is typed or Ctrl-C is pressed.
 */
export function runConsole(core: Core, streams: ConsoleStreams): Promise<void> {
  const interactive = streams.input.isTTY === true && streams.output.isTTY === true;
  const width = interactive ? Math.min(streams.output.columns ?? 80, 100) : 0;
  const session = createConsoleSession(core);
  const rl = createInterface({ input: streams.input, output: interactive ? streams.output : undefined, prompt: PROMPT, terminal: interactive, crlfDelay: Infinity });
  const write = (text: string) => streams.output.write(`${text}\n`);

  write('vmvc console: ask how Docker containers differ from VMs. Try "why are containers lighter?", "/vmvc compare", "help" or "quit".');
  if (interactive) rl.prompt();

  return new Promise((resolve) => {
    rl.on('line', (line) => {
      try {
        const turn = session.handle(line);
        if (turn.type === 'quit') {
          rl.close();
          return;
        }
        if (turn.type === 'note') write(turn.text);
        else if (turn.type === 'reply') write(`\n${renderText(turn.reply.card, { numberRelated: true, width })}\n${turn.hint ? `${wrapText(turn.hint, width)}\n` : ''}`);
      } catch (err) {
        // One bad line must not end the chat.
        write(`Sorry, something went wrong answering that (${err instanceof Error ? err.message : String(err)}). Try again, or type help.`);
      }
      if (interactive) rl.prompt();
    });
    // Ctrl-C on a terminal arrives as SIGINT on the interface.
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      // Ctrl-C or Ctrl-D leave the cursor after the prompt (or half a question).
      write(interactive ? '\nbye' : 'bye');
      resolve();
    });
  });
}
