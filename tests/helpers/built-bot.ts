import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { cleanEnv, MAIN, spawn } from './run-node.js';

/** The built bot (`npm start`) as a child process, its JSON log lines read back. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface BuiltBot {
  logs: LogLine[];
  stderr(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  signal(name: NodeJS.Signals): void;
  /** SIGKILL if still running, and removes the temp working folder. */
  cleanup(): void;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the bot in a temp working folder with `env` (plus DATA_DIR and LOG_LEVEL=info) and waits until it is running. */
export async function startBuiltBot(env: Record<string, string>): Promise<BuiltBot> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-built-bot-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: cleanEnv({ DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const logs: LogLine[] = [];
  const waiters = new Set<(line: LogLine) => void>();
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as LogLine;
    logs.push(line);
    for (const w of [...waiters]) w(line);
  });
  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 15_000): Promise<LogLine> => {
    const done = logs.find(match);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      const waiter = (line: LogLine) => {
        if (!match(line)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(line);
      };
      waiters.add(waiter);
      void exited.then(() => {
        if (!waiters.has(waiter)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        reject(new Error(`the bot exited first; stderr: ${stderr}`));
      });
    });
  };
  const bot: BuiltBot = {
    logs,
    stderr: () => stderr,
    exited,
    waitForLog,
    signal: (name) => void child.kill(name),
    cleanup() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    },
  };
  try {
    await waitForLog((l) => l.msg.startsWith('vmvc is running'));
  } catch (err) {
    bot.cleanup();
    throw err;
  }
  return bot;
}
