import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { cleanEnv, MAIN, spawn } from '../helpers/run-node.js';
import { freePort } from '../helpers/built-bot.js';

/**
 * SIGTERM while a client holds a request half-sent. Bolt's HTTP server waits
 * for every open request to end before it closes, and this one never ends, so
 * without a bound the bot would sit there until Node's 5-minute request
 * timeout (or a supervisor's SIGKILL). The test asserts that the process
 * exits, and how; the test timeout is only a backstop.
 */

interface LogLine {
  msg: string;
  [key: string]: unknown;
}


const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Headers of a Slack request promising a body that never comes in full; resolves once the server has taken the request. */
async function openHalfRequest(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  cleanups.push(() => void socket.destroy());
  socket.on('error', () => undefined); // the bot going away resets it; that is the point
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  // Expect: 100-continue makes Node's HTTP server answer as soon as it has parsed the headers
  // and handed the request to Bolt: proof that the request is in progress, not merely queued.
  socket.write(
    'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      'X-Slack-Request-Timestamp: 1700000000\r\nX-Slack-Signature: v0=00\r\nContent-Length: 4096\r\nExpect: 100-continue\r\n\r\n',
  );
  await new Promise<void>((resolve) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (/^HTTP\/1\.1 100 /.test(seen)) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
  });
  socket.write('command=%2Fvmvc&text=why+are+cont'); // half a body, then silence
  return socket;
}

describe('shutdown of the built bot (Slack HTTP mode)', () => {
  it('SIGTERM exits even while a client holds a half-sent request open', { timeout: 60_000 }, async () => {
    const fake = await new FakeSlackApi().start();
    cleanups.push(() => fake.stop());
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-shutdown-'));
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: cleanEnv({
        SLACK_BOT_TOKEN: 'xoxb-test-0000-token',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DATA_DIR: path.join(cwd, 'data'),
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const logs: LogLine[] = [];
    const lines = createInterface({ input: child.stdout });
    const running = new Promise<void>((resolve, reject) => {
      lines.on('line', (text) => {
        const line = JSON.parse(text) as LogLine;
        logs.push(line);
        if (line.msg.startsWith('vmvc is running')) resolve();
      });
      child.once('close', () => reject(new Error(`the bot exited before it was running; stderr: ${stderr}`)));
    });
    await running;

    await openHalfRequest(port);
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(logs.map((l) => l.msg)).toContain('shutting down');
    expect(logs.some((l) => /^shutdown did not finish within \d+ s/.test(l.msg))).toBe(true);
  });
});
