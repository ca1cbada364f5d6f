import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PostError, StartupError } from '../../../src/adapters/adapter.js';
import { FakeSlackApi } from '../../fixtures/slack/fake-slack-api.js';
import { sendEvent, sendSlashCommand } from '../../fixtures/slack/signed-request.js';
import { realKnowledge, startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';
import { createCore } from '../../../src/core/create-core.js';

const running: TestSlack[] = [];
async function start(...args: Parameters<typeof startTestSlack>): Promise<TestSlack> {
  const t = await startTestSlack(...args);
  running.push(t);
  return t;
}
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
});

const tipCard = () => createCore(realKnowledge()).tip(1).card;

describe('Web API rate limits and errors', () => {
  it('a 429 with Retry-After is waited out and retried: the answer still arrives, once', async () => {
    const t = await start({ prepare: (f) => f.rateLimitOnce('chat.postMessage', 1) });
    await sendEvent(t.baseUrl, { type: 'message', channel_type: 'im', channel: 'D0RATE', user: 'U0ASKER', text: 'why-lighter', ts: '1.1', event_ts: '1' }, 'Ev-429');
    await t.fake.waitFor('chat.postMessage', () => t.fake.callsOf('chat.postMessage').length === 2, 5_000);
    const posts = t.fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2); // the 429, then the retry
    expect(posts.every((p) => p.body['channel'] === 'D0RATE')).toBe(true);
    // Retry-After: 1 was read and honoured (the adapter says how long it waits).
    expect(t.logs.some((l) => /Slack chat\.postMessage was rate limited \(attempt 1\); sending again in 1000 ms/.test(l.msg))).toBe(true);
  });

  it('RunningAdapter.post maps a 429 to PostError rate_limited with retryAfterMs, for the tip scheduler', async () => {
    const t = await start({ prepare: (f) => f.rateLimitOnce('chat.postMessage', 7) });
    const err = await t.slack.post('C0TIPS', tipCard()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect(err).toMatchObject({ code: 'rate_limited', retryAfterMs: 7_000, retryable: true });
    expect(t.fake.callsOf('chat.postMessage')).toHaveLength(1); // no sleeping inside post()
    const ok = await t.slack.post('C0TIPS', tipCard());
    expect(ok.messageId).toMatch(/^\d+\.\d+$/);
    const sent = t.fake.callsOf('chat.postMessage')[1];
    expect(sent?.body['channel']).toBe('C0TIPS');
    expect(JSON.stringify(sent?.body['blocks'])).toContain('tip of the day');
  });

  it('post maps channel_not_found, not_in_channel, missing_scope and invalid_auth to PostError codes', async () => {
    const t = await start({
      prepare: (f) =>
        f.on('chat.postMessage', (c) => {
          const error = { C0GONE: 'channel_not_found', C0OUT: 'not_in_channel', C0SCOPE: 'missing_scope', C0AUTH: 'invalid_auth' }[c.body['channel'] as string];
          return error ? { body: { ok: false, error } } : undefined;
        }),
    });
    const codeFor = async (channel: string) => ((await t.slack.post(channel, tipCard()).catch((e: unknown) => e)) as PostError).code;
    expect(await codeFor('C0GONE')).toBe('channel_not_found');
    expect(await codeFor('C0OUT')).toBe('not_in_channel');
    expect(await codeFor('C0SCOPE')).toBe('missing_permissions');
    expect(await codeFor('C0AUTH')).toBe('invalid_auth');
    const err = (await t.slack.post('C0OUT', tipCard()).catch((e: unknown) => e)) as PostError;
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('/invite @vmvc');
    // The tip scheduler logs failed posts (once); the adapter only reports them.
    const gone = (await t.slack.post('C0GONE', tipCard()).catch((e: unknown) => e)) as PostError;
    expect(gone.message).toMatch(/C0GONE/);
  });

  it('a failing reply is logged with a clear message and the app keeps answering', async () => {
    const t = await start({ prepare: (f) => f.on('chat.postMessage', (c) => (c.body['channel'] === 'C0NOPE' ? { body: { ok: false, error: 'channel_not_found' } } : undefined)) });
    await sendEvent(t.baseUrl, { type: 'app_mention', user: 'U0ASKER', text: '<@UBOT0001> why-lighter', ts: '2.1', channel: 'C0NOPE', event_ts: '1' }, 'Ev-fail');
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'C0NOPE');
    await new Promise((r) => setTimeout(r, 50));
    expect(t.logs.some((l) => l.level === 50 && /reply to a mention failed: Slack answered channel_not_found/.test(l.msg))).toBe(true);
    const res = await sendSlashCommand(t.baseUrl, { text: 'why-lighter' });
    expect(res.status).toBe(200);
  });
});

describe('start-up failures: one clear line', () => {
  it('a rejected bot token (invalid_auth) fails start-up with a StartupError naming SLACK_BOT_TOKEN', async () => {
    for (const error of ['invalid_auth', 'not_authed']) {
      const err = await startTestSlack({ prepare: (f) => f.failWith('auth.test', error) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect((err as StartupError).message).toBe(`Slack rejected SLACK_BOT_TOKEN (${error}): check the Bot User OAuth Token (xoxb-) under OAuth & Permissions`);
      expect((err as StartupError).message).not.toContain('\n');
    }
  });

  it('an unreachable SLACK_API_URL fails start-up with the URL in the line', async () => {
    const fake = await new FakeSlackApi().start();
    const deadUrl = fake.apiUrl;
    await fake.stop();
    const err = await startTestSlack({ env: { SLACK_API_URL: deadUrl } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).message).toContain(`auth.test (${deadUrl})`);
  });

  it('a port already in use is a StartupError naming PORT', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await startTestSlack({ start: { port } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect((err as StartupError).message).toBe(`PORT ${port} is already in use: stop the other process or set PORT`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
