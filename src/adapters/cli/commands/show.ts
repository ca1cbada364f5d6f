import { closeTopicIds } from '../../../core/commands/show.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { coreFor } from '../load-core.js';
import { writeCard } from '../write-card.js';

export const showCommand: CliCommand = {
  name: 'show',
  usage: 'vmvc show <topic-id>',
  help: 'Prints one FAQ entry by its id (see `vmvc topics`). Exits 1 when there is no such id.',
  async run(args, io) {
    if (args.length !== 1) throw new UsageError('show takes exactly one topic id');
    const core = await coreFor(io.env);
    const id = (args[0] as string).toLowerCase();
    const reply = core.show(id);
    if (!reply) {
      // The same close ids the chat's `/vmvc show <id>` offers (core/commands/show.ts).
      const close = closeTopicIds(core.index, id);
      io.stderr.write(`vmvc: no topic '${args[0]}'${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ''}\n`);
      return 1;
    }
    writeCard(io, reply);
    return 0;
  },
};
