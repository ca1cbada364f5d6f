import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { createTestDatabase } from '../fixtures/store/postgres.js';
import { freePort, startBuiltBot } from '../helpers/built-bot.js';

/**
 * PostgreSQL going away under a running bot, as an operator would meet it:
 * the built bot (`npm start`, Slack HTTP mode) talks to the test server
 * through a TCP relay the test can cut and restore. While it is cut, /readyz
 * says 503 naming the store (so the orchestrator takes the copy out of
 * rotation), questions are still answered within Slack's 3 seconds, and the
 * store errors are counted in /metrics; once it is back, /readyz is 200 again
 * without a restart.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A TCP relay to `target` on `port`, which can be cut (every connection dropped, nothing accepted) and restored. */
function relay(port: number, target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (server === undefined) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  return { listen, cut };
}

async function readyz(base: string): Promise<{ status: number; body: { ready: boolean; checks: Record<string, string> } }> {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as { ready: boolean; checks: Record<string, string> } };
}

function sample(text: string, prefix: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('PostgreSQL down under a running bot (the built bot, a real server behind a relay)', () => {
  it('readyz turns 503 naming the store, answers keep coming within Slack’s 3 s, errors are counted, and readyz recovers', { timeout: 90_000 }, async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const relayPort = await freePort();
    const link = relay(relayPort, new URL(db.url));
    await link.listen();
    cleanups.push(() => link.cut());
    const viaRelay = new URL(db.url);
    viaRelay.port = String(relayPort);

    const slack = await new FakeSlackApi().start();
    cleanups.push(() => slack.stop());
    const port = await freePort();
    const bot = await startBuiltBot({
      SLACK_BOT_TOKEN: 'xoxb-test-0000-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: viaRelay.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    cleanups.push(() => bot.cleanup());
    const base = `http://127.0.0.1:${port}`;
    expect(await readyz(base)).toEqual({ status: 200, body: { ready: true, checks: { knowledge: 'ok', store: 'ok', slack: 'ok' } } });

    await link.cut();
    await expect.poll(async () => (await readyz(base)).status, { timeout: 15_000, interval: 250 }).toBe(503);
    const down = await readyz(base);
    expect(down.body.ready).toBe(false);
    expect(down.body.checks['store']).not.toBe('ok');
    expect(down.body.checks['knowledge']).toBe('ok');

    const started = Date.now();
    const slash = await sendSlashCommand(base, { text: 'why are containers lighter than vms' });
    const tookMs = Date.now() - started;
    expect(slash.status).toBe(200);
    expect(await slash.text()).toContain('Why are containers lighter than VMs?');
    expect(tookMs).toBeLessThan(3_000);
    await expect
      .poll(async () => sample(await (await fetch(`${base}/metrics`)).text(), 'vmvc_store_errors_total{'), { timeout: 10_000, interval: 250 })
      .toBeGreaterThan(0);
    // Said in the log, for whoever is paged.
    expect(bot.logs.filter((l) => l.level >= 40).map((l) => l.msg).join('\n')).toMatch(/store|database|postgres/i);
    // Still running: a database outage is not a reason to die.
    expect(await Promise.race([bot.exited.then(() => 'exited'), Promise.resolve('running')])).toBe('running');

    await link.listen();
    await expect.poll(async () => (await readyz(base)).status, { timeout: 15_000, interval: 250 }).toBe(200);
    const back = await sendSlashCommand(base, { text: 'what is a hypervisor' });
    expect(back.status).toBe(200);
  });
});
