import { UsageError, type CliCommand } from '../cli-command.js';
import { coreFor } from '../load-core.js';
import { parseFlags } from '../parse-flags.js';
import { writeCard } from '../write-card.js';

export const tipCommand: CliCommand = {
  name: 'tip',
  usage: 'vmvc tip [--id N]',
  summary: 'A random tip, or tip N',
  help: 'Prints a random tip, or with --id N the tip numbered N.',
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { id: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const core = coreFor(io.env);
    if (values.id !== undefined) {
      const id = Number(values.id);
      if (!Number.isInteger(id) || !core.knowledge.tips.some((t) => t.id === id)) {
        const ids = core.knowledge.tips.map((t) => t.id);
        throw new UsageError(`--id must be a tip number from ${Math.min(...ids)} to ${Math.max(...ids)}`);
      }
      writeCard(io, core.tip(id));
      return 0;
    }
    writeCard(io, core.tip());
    return 0;
  },
};
