/** Streams and environment a CLI command runs against; the child-process tests see the real ones. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** One `vmvc <name>` subcommand. Exit codes: 0 ok, 1 failure, 2 bad usage. */
export interface CliCommand {
  name: string;
  usage: string;
  /** Longer help shown by `vmvc <name> --help`. */
  help: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad arguments: the runner prints the one-line message plus usage and exits 2. */
export class UsageError extends Error {
  readonly code = 'E_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
