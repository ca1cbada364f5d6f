import { createInterface } from 'node:readline';
import { UsageError, type CliCommand, type CliIo } from '../cli-command.js';
import { askerFor, type Asker } from '../load-core.js';
import { parseFlags } from '../parse-flags.js';
import { renderText } from '../../../render/text.js';
import { replyJson, writeCard } from '../write-card.js';
import { formatExplanation } from '../format-explanation.js';

/** Answers each stdin line as it arrives, so a long pipe streams instead of waiting for EOF. */
async function askBatch(asker: Asker, io: CliIo, json: boolean, explain: boolean): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  for await (const line of lines) {
    const reply = asker.ask(line, { explain });
    const out = json ? `${replyJson(reply)}\n` : `${renderText(reply.card)}\n${explain ? `${formatExplanation(reply)}\n` : ''}\n`;
    if (!io.stdout.write(out)) await new Promise((resolve) => io.stdout.once('drain', resolve));
  }
  return 0;
}

export const askCommand: CliCommand = {
  name: 'ask',
  usage: 'vmvc ask [--json] [--explain] "<question>"   (or questions on stdin, one per line)',
  help:
    'Prints the answer card as text, or with --json one object:\n' +
    '  { "status": "answered"|"suggest"|"declined", "id", "title", "text", "score", "suggestions": [{ "id", "title" }] }\n' +
    '"score" is the calibrated probability that the card answers the question.\n' +
    'With --explain, also shows why: the reading of the message decided on, the scope and ranking\n' +
    'evidence, the candidates and the decision (with --json, as an "explanation" field).\n' +
    'With no question and stdin not a terminal, reads one question per line and prints one result per line, in order.',
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { json: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false }, dir: { type: 'string' } });
    const explain = values.explain === true;
    const question = positionals.join(' ');
    const asker = await askerFor(io.env, values.dir);
    if (positionals.length === 0) {
      if (io.stdin.isTTY) throw new UsageError('give a question, or pipe questions on stdin');
      return askBatch(asker, io, values.json === true, explain);
    }
    const reply = asker.ask(question, { explain });
    if (values.json) io.stdout.write(`${replyJson(reply)}\n`);
    else {
      writeCard(io, reply);
      if (explain) io.stdout.write(`${formatExplanation(reply)}\n`);
    }
    return 0;
  },
};
