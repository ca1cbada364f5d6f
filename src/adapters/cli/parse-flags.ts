import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with its errors turned into one-line usage errors. */
export function parseFlags<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's messages run on with advice about '--'; the first sentence is the point.
    const first = (err as Error).message.split('\n')[0] ?? 'bad arguments';
    throw new UsageError(first.replace(/\. To specify a positional argument.*$/, ''));
  }
}
