import { UsageError, type CliCommand } from '../cli-command.js';
import { coreFor } from '../load-core.js';
import { writeCard } from '../write-card.js';

export const topicsCommand: CliCommand = {
  name: 'topics',
  usage: 'vmvc topics',
  help: 'Lists every FAQ entry id with its title, grouped by tag. Any id works with `vmvc show <id>` and `/vmvc <id>`.',
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
    writeCard(io, (await coreFor(io.env)).respond('topics', { platform: 'cli' }));
    return 0;
  },
};
