import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEvent } from '../../fixtures/slack/signed-request.js';
import { startTestSlack, type TestSlack } from '../../fixtures/slack/start-test-slack.js';
import { openTempStore, type TempStore } from '../../fixtures/store/temp-store.js';

type Json = Record<string, unknown>;

function headerOf(body: Json): string {
  const block = ((body['blocks'] as Json[] | undefined) ?? []).find((b) => b['type'] === 'header');
  return ((block?.['text'] as Json | undefined)?.['text'] as string | undefined) ?? '';
}

let seq = 0;
const ts = () => `17000001${String(++seq).padStart(2, '0')}.000100`;

function mention(text: string, extra: Json = {}): Json {
  return { type: 'app_mention', user: 'U0ASKER', text, ts: ts(), channel: 'C0GENERAL', event_ts: '1', ...extra };
}

function dm(text: string, extra: Json = {}): Json {
  return { type: 'message', channel_type: 'im', channel: 'D0DM', user: 'U0ASKER', text, ts: ts(), event_ts: '1', ...extra };
}

describe('Events API: mentions, DMs, retries', () => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startTestSlack();
  });
  afterAll(async () => {
    await t.stop();
  });

  const postsTo = (channel: string) => t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === channel);

  it('@vmvc <question> in a channel: the card as a threaded reply', async () => {
    const event = mention('<@UBOT0001> why are containers lighter than VMs?');
    const res = await sendEvent(t.baseUrl, event, 'Ev-mention-1');
    expect(res.status).toBe(200);
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body['thread_ts'] === event['ts']);
    expect(post.body['channel']).toBe('C0GENERAL');
    expect(headerOf(post.body)).toBe('Why are containers lighter than VMs?');
    expect(post.body['text']).toContain('Why are containers lighter');
    expect(JSON.stringify(post.body['blocks'])).not.toContain('vmvc:share:'); // already visible
  });

  it('a mention inside a thread answers in that thread', async () => {
    const event = mention('<@UBOT0001|vmvc> how fast does a container start?', { thread_ts: '1699999999.000001' });
    await sendEvent(t.baseUrl, event, 'Ev-mention-2');
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body['thread_ts'] === '1699999999.000001');
    expect(post.body['channel']).toBe('C0GENERAL');
  });

  it('a DM to the bot: the card in the DM', async () => {
    await sendEvent(t.baseUrl, dm('how fast does a container start?'), 'Ev-dm-1');
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0DM');
    expect(post.body['thread_ts']).toBeUndefined();
    expect(headerOf(post.body).length).toBeGreaterThan(0);
  });

  it('ignores bots (itself included), edits, other subtypes and non-DM messages', async () => {
    const before = postsTo('D0IGNORE').length + postsTo('C0IGNORE').length;
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0IGNORE', bot_id: 'B0OTHER', user: 'U0OTHERBOT' }), 'Ev-ig-1');
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0IGNORE', bot_id: 'BBOT0001', user: 'UBOT0001' }), 'Ev-ig-2');
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0IGNORE', subtype: 'bot_message', user: undefined }), 'Ev-ig-3');
    await sendEvent(
      t.baseUrl,
      dm('', { channel: 'D0IGNORE', subtype: 'message_changed', user: undefined, message: { text: 'why-lighter', user: 'U0ASKER' } }),
      'Ev-ig-4',
    );
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'C0IGNORE', channel_type: 'channel' }), 'Ev-ig-5');
    await sendEvent(t.baseUrl, mention('<@UBOT0001> why-lighter', { channel: 'C0IGNORE', bot_id: 'B0OTHER' }), 'Ev-ig-6');
    // a real DM afterwards proves the app was listening all along
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0MARK' }), 'Ev-ig-mark');
    // No sleep: the marker went through the same listener after every ignored event was acked,
    // so an ignored event that had been answered would have posted before it.
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0MARK');
    expect(postsTo('D0IGNORE').length + postsTo('C0IGNORE').length).toBe(before);
  });

  it('a retried event (X-Slack-Retry-Num) never produces a second answer', async () => {
    const event = dm('why-lighter', { channel: 'D0RETRY' });
    await sendEvent(t.baseUrl, event, 'Ev-retry-1');
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0RETRY');
    for (const [num, reason] of [['1', 'http_timeout'], ['2', 'http_error'], ['3', 'connection_failed']] as const) {
      const res = await sendEvent(t.baseUrl, event, 'Ev-retry-1', { headers: { 'x-slack-retry-num': num, 'x-slack-retry-reason': reason } });
      expect(res.status).toBe(200); // acked, so Slack stops retrying
    }
    // A retry of an event no copy took (the store has no record of it: its first delivery was refused) is answered, once.
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0RETRYNEW' }), 'Ev-retry-unseen', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' },
    });
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0MARK2' }), 'Ev-retry-mark');
    // The later event is answered, so every retry before it had its turn (and would have posted first).
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0MARK2');
    expect(postsTo('D0RETRY')).toHaveLength(1);
    expect(postsTo('D0RETRYNEW')).toHaveLength(1);
    expect(t.logs.some((l) => /ignoring a Slack event delivered again: a bot copy already took it/.test(l.msg))).toBe(true);
  });

  it('a retry of a delivery that never reached us (connection_failed) is answered once', async () => {
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0LOST' }), 'Ev-lost-1', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'connection_failed' },
    });
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0LOST');
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0LOST' }), 'Ev-lost-1', {
      headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'connection_failed' },
    });
    // A later event's answer shows the retry had its turn and posted nothing.
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0MARK3' }), 'Ev-lost-mark');
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0MARK3');
    expect(postsTo('D0LOST')).toHaveLength(1);
  });

  it('mention injection in a question (@everyone, <!channel>, <!here>, <@U999>) never appears live', async () => {
    for (const [i, text] of ['<@UBOT0001> <!channel> <!here> <!everyone> @everyone <@U999> why are containers lighter', '<@UBOT0001> <@U999|boss> @here'].entries()) {
      await sendEvent(t.baseUrl, mention(text, { channel: `C0INJ${i}` }), `Ev-inj-${i}`);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === `C0INJ${i}`);
      const all = JSON.stringify(post.body);
      expect(all).not.toMatch(/<[@!#]/);
      expect(all).not.toMatch(/@(everyone|here|channel)\b/);
    }
    await sendEvent(t.baseUrl, dm('<!channel> <@U999> @everyone why-lighter', { channel: 'D0INJ' }), 'Ev-inj-dm');
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0INJ');
    expect(JSON.stringify(post.body)).not.toMatch(/<[@!#]|@(everyone|here|channel)\b/);
  });
});

describe('Events API across two bot copies sharing one store', () => {
  let temp: TempStore;
  let a: TestSlack;
  let b: TestSlack;
  beforeAll(async () => {
    temp = openTempStore();
    a = await startTestSlack({ store: temp.store });
    b = await startTestSlack({ store: temp.store });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    temp?.remove();
  });

  it('a retry after a slow ack that reaches the other copy is not answered again; one no copy took is answered there', async () => {
    const answered = dm('why-lighter', { channel: 'D0TWOCOPY' });
    await sendEvent(a.baseUrl, answered, 'Ev-two-1');
    await a.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0TWOCOPY');
    await sendEvent(b.baseUrl, answered, 'Ev-two-1', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    // Copy A refused this one while draining (503), so only B ever sees it, as a retry after an HTTP error.
    await sendEvent(b.baseUrl, dm('why-lighter', { channel: 'D0DRAINED' }), 'Ev-two-2', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    await b.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0DRAINED');
    await sendEvent(b.baseUrl, dm('why-lighter', { channel: 'D0MARKTWO' }), 'Ev-two-mark');
    await b.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0MARKTWO');
    const posts = (channel: string) => [...a.fake.callsOf('chat.postMessage'), ...b.fake.callsOf('chat.postMessage')].filter((c) => c.body['channel'] === channel);
    expect(posts('D0TWOCOPY')).toHaveLength(1);
    expect(posts('D0DRAINED')).toHaveLength(1);
  });
});

describe('Events API without a store (this copy\'s memory decides)', () => {
  let t: TestSlack;
  beforeAll(async () => {
    const temp = openTempStore();
    // The store's recorder and guard, but no delivery claims: the conservative rule of delivery-filter.ts applies.
    const { claimDelivery: _unused, ...withoutDeliveries } = temp.store;
    t = await startTestSlack({ store: withoutDeliveries });
    cleanupStores.push(temp);
  });
  const cleanupStores: TempStore[] = [];
  afterAll(async () => {
    await t?.stop();
    cleanupStores.forEach((s) => s.remove());
  });

  it('an unseen retry after a timeout may have been answered by a sibling: dropped', async () => {
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0NOSTORE' }), 'Ev-nostore-1', { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await sendEvent(t.baseUrl, dm('why-lighter', { channel: 'D0NOSTOREMARK' }), 'Ev-nostore-mark');
    await t.fake.waitFor('chat.postMessage', (c) => c.body['channel'] === 'D0NOSTOREMARK');
    expect(t.fake.callsOf('chat.postMessage').filter((c) => c.body['channel'] === 'D0NOSTORE')).toHaveLength(0);
  });
});
