import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fixtures/discord/fake-discord.js';
import { askCommand, nextInteractionId } from '../fixtures/discord/interactions.js';
import { generateTestKeys, postInteraction } from '../fixtures/discord/signed-interaction.js';
import { FAKE_TOKEN } from '../fixtures/discord/start-bot.js';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { sendEvent, sendSlashCommand, TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, spawnBuiltBot, startBuiltBot, type BuiltBot } from '../helpers/built-bot.js';

/**
 * The HTTP surface of the built bot (`npm start`) as an operator and an
 * orchestrator see it: Discord HTTP interactions with no gateway, /healthz,
 * /readyz and /metrics on the right port in each mode, HOST binding, and a
 * SIGTERM that turns /readyz to 503 and refuses new requests while the work in
 * flight finishes, then exits 0.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await startFakeDiscord();
  cleanups.push(() => fake.close());
  return fake;
}

async function bot(env: Record<string, string>): Promise<BuiltBot> {
  const started = await startBuiltBot(env);
  cleanups.push(() => started.cleanup());
  return started;
}

/** The built bot started in a temp folder with `env`, expected to stop by itself: its exit code and stderr. */
async function botThatStops(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-stops-'));
  cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
  const child = spawnBuiltBot({ HOST: '127.0.0.1', DATA_DIR: path.join(cwd, 'data'), ...env }, cwd);
  cleanups.push(() => void child.stop('SIGKILL'));
  const code = await child.exited;
  return { code, stderr: child.stderr() };
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** One sample's value from the Prometheus text, or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Discord HTTP interactions mode (the built bot, no gateway)', () => {
  it('a token Discord rejects stops start-up with one line and exit 1, though no gateway would have noticed', { timeout: 60_000 }, async () => {
    const discord = await fakeDiscord();
    discord.failRoute(/^\/users\/@me$/, { status: 401, code: 0, message: '401: Unauthorized' });
    const stopped = await botThatStops({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_PUBLIC_KEY: generateTestKeys().publicKeyHex, PORT: String(await freePort()) });
    expect(stopped).toEqual({ code: 1, stderr: 'vmvc: Discord rejected DISCORD_TOKEN: check the bot token on the Bot page of the Developer Portal (Reset Token, then copy it)\n' });
  });

  it('a token Discord resets while the bot runs ends it with one line and exit 1, though no gateway would have noticed', { timeout: 60_000 }, async () => {
    const discord = await fakeDiscord();
    const tipChannel = '999999999999999903';
    // The start-up check passes; the first tip post, at the scheduler's first tick, meets the reset token.
    discord.failRoute(new RegExp(`^/channels/${tipChannel}/messages$`), { status: 401, code: 0, message: '401: Unauthorized' });
    const stopped = await botThatStops({
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_PUBLIC_KEY: generateTestKeys().publicKeyHex,
      PORT: String(await freePort()),
      DISCORD_TIP_CHANNELS: tipChannel,
      TIP_SCHEDULE: '* * * * *',
    });
    expect(stopped).toEqual({ code: 1, stderr: 'vmvc: Discord rejected DISCORD_TOKEN while running (401): the token was reset or revoked; copy a new one from the Bot page of the Developer Portal, then restart\n' });
  });

  it('serves interactions, health, readiness and metrics on PORT, and counts a question', { timeout: 60_000 }, async () => {
    const discord = await fakeDiscord();
    const keys = generateTestKeys();
    const port = await freePort();
    await bot({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: String(port), HOST: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await getJson(`${base}/readyz`);
    expect(ready).toEqual({ status: 200, body: { ready: true, checks: { knowledge: 'ok', store: 'ok', discord: 'ok' } } });

    const pong = await postInteraction(`${base}/discord/interactions`, keys, { id: nextInteractionId(), type: 1, application_id: '111111111111111111', token: 't', version: 1 });
    expect(pong.status).toBe(200);
    expect(JSON.parse(pong.body)).toEqual({ type: 1 });
    const forged = await postInteraction(`${base}/discord/interactions`, keys, askCommand('what is a hypervisor'), { signature: 'ab'.repeat(64) });
    expect(forged.status).toBe(401);

    const before = await (await fetch(`${base}/metrics`)).text();
    expect(sample(before, 'vmvc_questions_total{platform="discord",outcome="answered"}')).toBeUndefined();
    const ask = askCommand('why are containers lighter than vms');
    const res = await postInteraction(`${base}/discord/interactions`, keys, ask);
    expect(res.status).toBe(202);
    const callback = await discord.waitForCallback(ask.id);
    expect((callback.body as { type: number }).type).toBe(4);

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(sample(text, 'vmvc_questions_total{platform="discord",outcome="answered"}')).toBe(1);
    expect(sample(text, 'vmvc_answer_duration_seconds_count{platform="discord"}')).toBe(1);
    expect(text).toMatch(/^# TYPE vmvc_tip_posts_total counter$/m);
    expect(text).toMatch(/^# TYPE vmvc_platform_api_errors_total counter$/m);
    expect(text).toMatch(/^# TYPE vmvc_store_errors_total counter$/m);
    expect(discord.requests.filter((r) => r.path.startsWith(`/interactions/${ask.id}/`))).toHaveLength(1);
    // Stateless like Slack's HTTP mode: no gateway was ever asked for.
    expect(discord.connections()).toBe(0);
    expect(discord.requests.some((r) => r.path === '/gateway/bot')).toBe(false);
  });

  it('on SIGTERM answers /readyz 503 and refuses new requests while an interaction in flight finishes, then exits 0', { timeout: 60_000 }, async () => {
    const discord = await fakeDiscord();
    const keys = generateTestKeys();
    const port = await freePort();
    const running = await bot({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: String(port), HOST: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;

    // Discord takes the callback but does not answer yet: the interaction stays in flight.
    const held = discord.holdRoute(/^\/interactions\/\d+\/[^/]+\/callback$/);
    const inFlight = askCommand('what is a hypervisor');
    const firstAnswer = postInteraction(`${base}/discord/interactions`, keys, inFlight);
    await discord.waitForCallback(inFlight.id);

    running.signal('SIGTERM');
    await running.waitForLog((l) => l.msg === 'shutting down');
    const draining = await getJson(`${base}/readyz`);
    expect(draining.status).toBe(503);
    expect((draining.body.notReady as string[])[0]).toBe('shutting-down');
    const late = askCommand('why are containers lighter than vms');
    expect((await postInteraction(`${base}/discord/interactions`, keys, late)).status).toBe(503);

    held.release();
    expect((await firstAnswer).status).toBe(202);
    expect(await running.exited).toBe(0);
    expect(running.stderr()).toBe('');
    expect(discord.requests.filter((r) => r.path.startsWith(`/interactions/${inFlight.id}/`))).toHaveLength(1);
    expect(discord.requests.some((r) => r.path.startsWith(`/interactions/${late.id}/`))).toBe(false);
    expect(running.logs.some((l) => /^shutdown did not finish/.test(l.msg))).toBe(false);
  });

  it('binds HOST only: listening on 127.0.0.2 it is not reachable on 127.0.0.1', { timeout: 60_000 }, async () => {
    const discord = await fakeDiscord();
    const keys = generateTestKeys();
    const port = await freePort('127.0.0.2');
    await bot({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: discord.apiUrl, DISCORD_PUBLIC_KEY: keys.publicKeyHex, PORT: String(port), HOST: '127.0.0.2' });
    expect((await fetch(`http://127.0.0.2:${port}/healthz`)).status).toBe(200);
    const elsewhere = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => 'answered',
      (err: Error & { cause?: { code?: string } }) => err.cause?.code,
    );
    expect(elsewhere).toBe('ECONNREFUSED');
  });
});

describe('health and metrics in the other modes', () => {
  it('Discord over the gateway: on HEALTH_PORT, ready once the gateway is connected; tip posts and API errors counted', { timeout: 60_000 }, async () => {
    const discord = await fakeDiscord();
    const tipChannel = '999999999999999901';
    const refusedChannel = '999999999999999902';
    // One tip channel refuses the post (missing permissions, not retried); the other takes it. The start-up tick posts both.
    discord.failRoute(new RegExp(`^/channels/${refusedChannel}/messages$`), { status: 403, code: 50013, message: 'Missing Permissions' });
    const healthPort = await freePort();
    await bot({
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      HEALTH_PORT: String(healthPort),
      HOST: '127.0.0.1',
      DISCORD_TIP_CHANNELS: `${tipChannel},${refusedChannel}`,
      // Every minute: the scheduler's first tick, at start-up, finds this minute's slot due.
      TIP_SCHEDULE: '* * * * *',
    });
    const base = `http://127.0.0.1:${healthPort}`;
    expect(discord.connections()).toBe(1);
    expect(await getJson(`${base}/readyz`)).toEqual({ status: 200, body: { ready: true, checks: { knowledge: 'ok', store: 'ok', discord: 'ok' } } });
    const metrics = async () => (await fetch(`${base}/metrics`)).text();
    await expect.poll(async () => sample(await metrics(), 'vmvc_tip_posts_total{platform="discord",result="posted"}') ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => sample(await metrics(), 'vmvc_tip_posts_total{platform="discord",result="failed"}') ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    const text = await metrics();
    expect(sample(text, 'vmvc_tip_posts_total{platform="discord",result="failed"}')).toBe(1);
    expect(sample(text, 'vmvc_platform_api_errors_total{platform="discord",code="http_403"}')).toBe(1);
    // No Discord HTTP interactions without DISCORD_PUBLIC_KEY.
    expect((await fetch(`${base}/discord/interactions`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('Slack in HTTP mode: /slack/events, Discord interactions, health and metrics share PORT', { timeout: 60_000 }, async () => {
    const slack = await new FakeSlackApi().start();
    cleanups.push(() => slack.stop());
    const discord = await fakeDiscord();
    const keys = generateTestKeys();
    const port = await freePort();
    await bot({
      SLACK_BOT_TOKEN: 'xoxb-test-0000-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    const base = `http://127.0.0.1:${port}`;
    expect(await getJson(`${base}/readyz`)).toEqual({ status: 200, body: { ready: true, checks: { knowledge: 'ok', store: 'ok', slack: 'ok', discord: 'ok' } } });
    const slash = await sendSlashCommand(base, { text: 'why are containers lighter than vms' });
    expect(slash.status).toBe(200);
    const ask = askCommand('what is a hypervisor');
    expect((await postInteraction(`${base}/discord/interactions`, keys, ask)).status).toBe(202);
    await discord.waitForCallback(ask.id);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(sample(text, 'vmvc_questions_total{platform="slack",outcome="answered"}')).toBe(1);
    expect(sample(text, 'vmvc_questions_total{platform="discord",outcome="answered"}')).toBe(1);
  });

  it('Slack in HTTP mode on SIGTERM: /readyz 503 and new events refused on PORT while a listener in flight finishes, then exit 0', { timeout: 60_000 }, async () => {
    const slack = await new FakeSlackApi().start();
    cleanups.push(() => slack.stop());
    // The answer's post never gets a reply: the listener stays in flight until its own timeout.
    slack.faultOn('chat.postMessage', 'hang');
    const port = await freePort();
    const running = await bot({ SLACK_BOT_TOKEN: 'xoxb-test-0000-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), HOST: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;
    const mention = (ts: string) => ({ type: 'app_mention', user: 'U0ASKER', text: '<@UBOT0001> why are containers lighter than VMs?', ts, channel: 'C0GENERAL', event_ts: '1' });
    expect((await sendEvent(base, mention('1700000400.000100'), 'Ev-drain-1')).status).toBe(200);
    await slack.waitFor('chat.postMessage');

    running.signal('SIGTERM');
    await running.waitForLog((l) => l.msg === 'shutting down');
    const draining = await getJson(`${base}/readyz`);
    expect(draining.status).toBe(503);
    expect((draining.body.notReady as string[])[0]).toBe('shutting-down');
    expect((await sendEvent(base, mention('1700000400.000200'), 'Ev-drain-2')).status).toBe(503);
    expect(await running.exited).toBe(0);
    expect(running.stderr()).toBe('');
  });

  it('a token Slack revokes while the bot runs ends it with one line and exit 1, for the supervisor, instead of a deaf process', { timeout: 60_000 }, async () => {
    const slack = await new FakeSlackApi().start();
    cleanups.push(() => slack.stop());
    const port = await freePort();
    const running = await bot({ SLACK_BOT_TOKEN: 'xoxb-test-0000-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), HOST: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;
    expect((await getJson(`${base}/readyz`)).status).toBe(200);
    // The app uninstalled from the workspace: every Web API call now answers token_revoked.
    slack.failWith('chat.postMessage', 'token_revoked');
    const mention = { type: 'app_mention', user: 'U0ASKER', text: '<@UBOT0001> why are containers lighter than VMs?', ts: '1700000500.000100', channel: 'C0GENERAL', event_ts: '1' };
    expect((await sendEvent(base, mention, 'Ev-revoked-1')).status).toBe(200);
    expect(await running.exited).toBe(1);
    expect(running.stderr()).toBe("vmvc: Slack rejected the app's token while running (token_revoked): the token was revoked: reinstall the app and copy the new token, then restart\n");
  });
});
