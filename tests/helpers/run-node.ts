import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The project folder, whether this runs from tests/ (vitest) or compiled into dist/tests/ (the benchmarks). */
export const ROOT = path.basename(HERE) === 'dist' ? path.dirname(HERE) : HERE;
export const BIN = path.join(ROOT, 'dist/src/adapters/cli/bin.js');
export const MAIN = path.join(ROOT, 'dist/src/main.js');

/** Where the children write V8 coverage under `npm run coverage` (see tests/global-setup.ts). */
export const CHILD_COVERAGE_DIR = path.join(ROOT, 'coverage/.children');

/**
 * A clean environment: no tokens leak in from the machine running the tests.
 * Only the test run's own temp folder (TMPDIR) and, under `--coverage`, the
 * children's coverage folder are passed on.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'test',
    ...(process.env.TMPDIR !== undefined && { TMPDIR: process.env.TMPDIR }),
    ...(process.env.VMVC_CHILD_COVERAGE !== undefined && { NODE_V8_COVERAGE: process.env.VMVC_CHILD_COVERAGE }),
    ...extra,
  };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `vmvc` CLI as a child process, as a user would. */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    env: cleanEnv(options.env),
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export { spawn };
