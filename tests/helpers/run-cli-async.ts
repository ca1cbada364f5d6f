import { spawn } from 'node:child_process';
import { BIN, cleanEnv, ROOT, type RunResult } from './run-node.js';

/**
 * The built `vmvc` CLI as a child process, without blocking this process:
 * for tests whose fake platform servers run in the test process itself
 * (spawnSync would stall their event loop, so the child's requests would hang).
 */
export function runCliAsync(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
