import { KnowledgeError } from '../../../core/knowledge/load.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { knowledgeFor } from '../load-core.js';
import { parseFlags } from '../parse-flags.js';

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'vmvc check [--dir <knowledge-folder>]',
  help: 'Validates every knowledge file against its schema and checks ids, related ids, sources,\nduplicate phrasings and card-size limits. Exits 1 listing every problem.',
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { dir: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    try {
      const k = await knowledgeFor(io.env, values.dir, { cache: false });
      const aliases = k.faq.reduce((n, e) => n + e.aliases.length, 0);
      io.stdout.write(
        `Knowledge OK: ${k.faq.length} FAQ entries (${aliases} alternate phrasings), ${k.comparison.length} comparison dimensions, ${k.tips.length} tips, ${k.sources.length} sources.\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof KnowledgeError) {
        io.stderr.write(`${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};
