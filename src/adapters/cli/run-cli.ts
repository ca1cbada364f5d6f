import { KnowledgeError } from '../../core/knowledge/knowledge-error.js';
import { UsageError, type CliIo } from './cli-command.js';
import { CLI_COMMANDS, type CliCommandEntry } from './cli-registry.js';

function usage(commands: readonly CliCommandEntry[]): string {
  return ['Usage: vmvc <command> [options]', '', 'Commands:', ...commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`), '', 'Run `vmvc <command> --help` for details.'].join('\n');
}

/** Runs one CLI invocation; returns the exit code. */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommandEntry[] = CLI_COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr.write(`vmvc: no command given\n${usage(commands)}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage(commands)}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`vmvc: unknown command '${name}'\n${usage(commands)}\n`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`Usage: ${command.usage}\n\n${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`vmvc ${command.name}: ${err.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof KnowledgeError) {
      io.stderr.write(`${err.message}\nRun \`vmvc check\` after fixing the knowledge files.\n`);
      return 1;
    }
    io.stderr.write(`vmvc ${command.name}: ${(err as Error).message}\n`);
    return 1;
  }
}
