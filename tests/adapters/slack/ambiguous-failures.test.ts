import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeAnswer, RecordedCall } from '../../fixtures/slack/fake-slack-api.js';
import { blockActionsPayload, sendEvent, sendInteraction } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack, type TestSlackOptions } from '../../fixtures/slack/start-test-slack.js';

/**
 * A failure after Slack read the request (HTTP 500, a dropped connection, no
 * answer at all) may still have posted the message, so the bot must never send
 * it again; it tells the sharer instead. These run with the production retry
 * policy; only the per-call timeout is shortened, so a hang ends quickly.
 */
const running: TestSlack[] = [];
async function start(options: TestSlackOptions): Promise<TestSlack> {
  const t = await startTestSlack({ ...options, start: { interactive: { timeoutMs: 300 } } });
  running.push(t);
  return t;
}
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
});

const inChannel = (channel: string) => (c: RecordedCall) => c.body['channel'] === channel;
const serverError: FakeAnswer = { status: 500, body: { ok: false } };

/** Clicks Share on a private card and waits for the private reply the sharer gets. */
async function share(t: TestSlack, channel: string, id: string): Promise<RecordedCall> {
  const responseUrl = t.fake.responseUrl(id);
  await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:share:why-lighter', channelId: channel, responseUrl }));
  return t.fake.waitFor('response_url', (c) => c.path.endsWith(id), 10_000);
}

describe('Share in channel: an ambiguous failure is posted once and explained', () => {
  const cases: [string, (t: TestSlack) => void][] = [
    ['HTTP 500', (t) => t.fake.on('chat.postMessage', (c) => (inChannel('C0ERR')(c) ? serverError : undefined))],
    ['a connection dropped after the request was read', (t) => t.fake.faultOn('chat.postMessage', 'drop', inChannel('C0ERR'))],
    ['a Web API that never answers', (t) => t.fake.faultOn('chat.postMessage', 'hang', inChannel('C0ERR'))],
  ];
  for (const [what, fail] of cases) {
    it(`${what}: chat.postMessage is sent once, and the sharer hears it may have gone out`, async () => {
      const t = await start({});
      fail(t);
      const reply = await share(t, 'C0ERR', 'share-err');
      // The listener is done once the sharer has been told: no second post can follow.
      expect(t.fake.callsOf('chat.postMessage').filter(inChannel('C0ERR'))).toHaveLength(1);
      expect(reply.body['response_type']).toBe('ephemeral');
      expect(reply.body['text']).toMatch(/may or may not have been posted/);
      expect(reply.body['text']).toMatch(/check the channel/i);
    });
  }

  it('a share that keeps hitting the rate limit says so in plain words, never "(request_error)"', async () => {
    const t = await start({});
    t.fake.on('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } }));
    const reply = await share(t, 'C0BUSY', 'share-429');
    const text = String(reply.body['text']);
    expect(text).toMatch(/Slack is limiting how fast I can post/);
    expect(text).toMatch(/nothing was posted/);
    expect(text).not.toMatch(/request_error|rate_limited|ratelimited/);
    // A 429 is a refusal, so re-sending is safe, but only a few times while the user waits.
    expect(t.fake.callsOf('chat.postMessage').length).toBeGreaterThan(1);
    expect(t.fake.callsOf('chat.postMessage').length).toBeLessThanOrEqual(3);
  });
});

describe('@mention and DM replies: an ambiguous failure is never re-sent', () => {
  let seq = 0;
  const mention = (channel: string) => ({ type: 'app_mention', user: 'U0ASKER', text: '<@UBOT0001> why-lighter', ts: `1700000300.00${++seq}`, channel, event_ts: '1' });
  const dm = (channel: string) => ({ type: 'message', channel_type: 'im', channel, user: 'U0ASKER', text: 'why-lighter', ts: `1700000400.00${++seq}`, event_ts: '1' });

  it('a mention answered with HTTP 500 is posted once and logged as possibly delivered', async () => {
    const t = await start({});
    t.fake.on('chat.postMessage', () => serverError);
    await sendEvent(t.baseUrl, mention('C0MENTION'), 'Ev-amb-1');
    const line = await t.waitForLog(/reply to a mention failed/);
    expect(t.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(line.msg).toMatch(/may have been posted/);
  });

  it('a DM reply whose connection drops is posted once', async () => {
    const t = await start({});
    t.fake.faultOn('chat.postMessage', 'drop');
    await sendEvent(t.baseUrl, dm('D0DROP'), 'Ev-amb-2');
    const line = await t.waitForLog(/reply to a DM failed/);
    expect(t.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(line.msg).toMatch(/may have been posted/);
  });

  it('a DM reply to a hanging Web API gives up after the timeout, once', async () => {
    const t = await start({});
    t.fake.faultOn('chat.postMessage', 'hang');
    await sendEvent(t.baseUrl, dm('D0HANG'), 'Ev-amb-3');
    const line = await t.waitForLog(/reply to a DM failed/);
    expect(t.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(line.msg).toMatch(/did not answer in time/);
  });
});

describe('a request that never reached Slack is sent again', () => {
  it('a refused response_url connection is tried again (a bounded number of times), then logged as not sent', async () => {
    const t = await start({});
    // A port nobody listens on: every connection is refused, so nothing can have arrived.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await sendInteraction(t.baseUrl, blockActionsPayload({ actionId: 'vmvc:vote:why-lighter:up', responseUrl: `http://127.0.0.1:${port}/response/gone` }));
    const failed = await t.waitForLog(/could not reply through response_url/);
    expect(failed.msg).toMatch(/Could not reach Slack: .*ECONNREFUSED/);
    const retries = t.logs.filter((l) => /Slack response_url could not be reached \(attempt \d\); sending again/.test(l.msg));
    expect(retries).toHaveLength(2); // three sends in all
    expect(retries.map((l) => l.msg).join('\n')).not.toContain(String(port)); // the URL is a credential: never logged
  });
});
