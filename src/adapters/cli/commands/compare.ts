import type { CliCommand } from '../cli-command.js';
import { coreFor } from '../load-core.js';
import { writeCard } from '../write-card.js';

export const compareCommand: CliCommand = {
  name: 'compare',
  usage: 'vmvc compare [dimension]',
  help: 'With no argument prints the whole comparison table; with a dimension (id, name or a word such as "boot") prints that row.',
  async run(args, io) {
    writeCard(io, (await coreFor(io.env)).compare(args.join(' ')));
    return 0;
  },
};
