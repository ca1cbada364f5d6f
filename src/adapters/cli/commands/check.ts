import { KnowledgeError } from '../../../core/knowledge/load.js';
import { FITTED_ENTRY_WORDS } from '../../../core/match/fitted-entry-words.js';
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
      const stale = staleFit(k.faq.map((e) => e.id));
      if (stale !== undefined) io.stdout.write(`${stale}\n`);
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

/**
 * The engine's learned weights name the entries they were fitted with. An
 * entry added since is found by its phrasings alone until `npm run fit`
 * learns it (its learned evidence reads 0), and a removed one is dead weight:
 * not an error, but the curator should know.
 */
function staleFit(ids: readonly string[]): string | undefined {
  const fitted = new Set(FITTED_ENTRY_WORDS.ids);
  const added = ids.filter((id) => !fitted.has(id));
  const known = new Set(ids);
  const removed = FITTED_ENTRY_WORDS.ids.filter((id) => !known.has(id));
  if (added.length === 0 && removed.length === 0) return undefined;
  const parts = [...(added.length > 0 ? [`new since the last fit: ${added.join(', ')}`] : []), ...(removed.length > 0 ? [`fitted but gone: ${removed.join(', ')}`] : [])];
  return `Note: the answer engine's learned weights are out of date (${parts.join('; ')}). Run npm run fit, then npm run eval (both read the repo's knowledge/ folder).`;
}
