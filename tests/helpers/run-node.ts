import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'dist/src/adapters/cli/bin.js');
export const MAIN = path.join(ROOT, 'dist/src/main.js');

/** A clean environment: no tokens leak in from the machine running the tests. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...extra };
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
