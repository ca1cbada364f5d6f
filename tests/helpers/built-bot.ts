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

export interface BotProcess {
  logs: LogLine[];
  stderr(): string;
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** The "vmvc is running" line; rejects if the bot exits first or the deadline passes. */
  running(timeoutMs?: number): Promise<LogLine>;
  signal(name: NodeJS.Signals): void;
  /** Sends `name` (SIGKILL unless told otherwise) if still running and waits for the exit. */
  stop(name?: NodeJS.Signals): Promise<number | null>;
}

export interface BuiltBot extends BotProcess {
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

/**
 * Spawns the bot in `cwd` with `env` (plus LOG_LEVEL=info unless given) and
 * returns at once: for tests that run several copies in one folder, kill and
 * restart them (tests/main/multi-copy.test.ts, the multi-copy bench).
 */
export function spawnBuiltBot(env: Record<string, string>, cwd: string): BotProcess {
  const child = spawn(process.execPath, [MAIN], { cwd, env: cleanEnv({ LOG_LEVEL: 'info', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const logs: LogLine[] = [];
  const waiters = new Set<(line: LogLine) => void>();
  createInterface({ input: child.stdout }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      line = { level: 30, msg: text }; // a line something else printed: kept, not fatal to the test
    }
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
  return {
    logs,
    stderr: () => stderr,
    exited,
    waitForLog,
    running: (timeoutMs) => waitForLog((l) => l.msg.startsWith('vmvc is running'), timeoutMs),
    signal: (name) => void child.kill(name),
    async stop(name = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
      return exited;
    },
  };
}

/** Starts the bot in a temp working folder with `env` (plus DATA_DIR and LOG_LEVEL=info) and waits until it is running. */
export async function startBuiltBot(env: Record<string, string>): Promise<BuiltBot> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-built-bot-'));
  const bot = spawnBuiltBot({ DATA_DIR: path.join(cwd, 'data'), ...env }, cwd);
  const built: BuiltBot = {
    ...bot,
    cleanup() {
      void bot.stop('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    },
  };
  try {
    await bot.running();
  } catch (err) {
    built.cleanup();
    throw err;
  }
  return built;
}
