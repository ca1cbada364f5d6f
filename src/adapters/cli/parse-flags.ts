import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `--days -5` as `--days=-5`: parseArgs refuses a value that starts with a dash
 * ("argument is ambiguous"), but a negative number is a value, and the command
 * can then say it is out of range.
 */
function joinNegativeNumbers(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** node:util parseArgs with its errors turned into one-line usage errors. */
export function parseFlags<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args: joinNegativeNumbers(args, options), options, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's messages run on with advice about '--'; the first sentence is the point.
    const first = (err as Error).message.split('\n')[0] ?? 'bad arguments';
    throw new UsageError(first.replace(/\. To specify a positional argument.*$/, ''));
  }
}
