import { afterEach, describe, expect, it } from 'vitest';
import { PostError } from '../../src/adapters/adapter.js';
import { openStore, type SqliteStorage } from '../../src/store/open-store.js';
import { postTipToChannel } from '../../src/tips/post-tip.js';
import { postSlotToChannels } from '../../src/tips/tip-scheduler.js';
import { captureLog, FakePoster, instantSleep, seeded, tempDir, tipIdOf, tipsKnowledge } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function store(): SqliteStorage {
  const t = tempDir();
  const s = openStore({ dataDir: t.dir });
  cleanups.push(() => {
    s.close();
    t.cleanup();
  });
  return s;
}

const now = new Date('2025-06-02T09:00:00Z');
const clock = () => now;
const slot = { platform: 'slack' as const, channelId: 'C1', slotKey: now.toISOString() };

describe('posting one tip', () => {
  it('claims, sends a tip card, and marks the slot done', async () => {
    const s = store();
    const poster = new FakePoster();
    const { log } = captureLog();
    const result = await postTipToChannel({ store: s, knowledge: tipsKnowledge([1, 2, 3]), poster, log, clock, random: seeded(1) }, slot);
    expect(result).toMatchObject({ status: 'posted', messageId: 'm1', attempts: 1 });
    expect(poster.posts).toHaveLength(1);
    const card = poster.posts[0]?.card;
    expect(card?.kind).toBe('tip');
    expect(card && tipIdOf(card)).toBe(result.status === 'posted' ? result.tipId : -1);
    expect(card?.related).toEqual([{ id: 'why-lighter', title: 'Why containers are lighter' }]);
    expect(card?.sources.map((x) => x.id)).toEqual(['src-a']);
    expect(await s.tipPost(slot)).toMatchObject({ status: 'done', messageId: 'm1', attempts: 1 });
  });

  it('retries a rate limit after the Retry-After the platform gave, then succeeds', async () => {
    const s = store();
    const refused = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) });
    const poster = new FakePoster().script('C1', { error: new PostError('rate_limited', 'slow down', 7_000) }, { error: refused });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const { log } = captureLog();
    const result = await postTipToChannel({ store: s, knowledge: tipsKnowledge([1, 2]), poster, log, clock, random: seeded(2), sleep, retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 } }, slot);
    expect(result).toMatchObject({ status: 'posted', attempts: 3 });
    // 7 s from Retry-After, then the backoff's second step (1 s × 2).
    expect(waits).toEqual([7_000, 2_000]);
    expect(poster.posts).toHaveLength(1);
    expect(await s.tipPost(slot)).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('never resends after an ambiguous failure (the post may have gone out): marked failed at once', async () => {
    const s = store();
    const poster = new FakePoster().script('C1', { error: new Error('socket hang up') });
    const waits: number[] = [];
    const { log } = captureLog();
    const result = await postTipToChannel(
      { store: s, knowledge: tipsKnowledge([1, 2]), poster, log, clock, random: seeded(2), sleep: async (ms: number) => void waits.push(ms), retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 } },
      slot,
    );
    expect(result).toMatchObject({ status: 'failed', attempts: 1 });
    expect(waits).toEqual([]);
    expect(await s.tipPost(slot)).toMatchObject({ status: 'failed' });
  });

  it('gives up after the bounded number of attempts, logs it and marks the slot failed', async () => {
    const s = store();
    const busy = { error: new PostError('rate_limited', 'slow down', 1_000) };
    const poster = new FakePoster().script('C1', busy, busy, busy, busy, busy);
    const { log, lines } = captureLog();
    const result = await postTipToChannel({ store: s, knowledge: tipsKnowledge([1]), poster, log, clock, random: seeded(3), sleep: instantSleep, retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 } }, slot);
    expect(result).toMatchObject({ status: 'failed', attempts: 3 });
    expect(poster.attempts).toHaveLength(3);
    expect(await s.tipPost(slot)).toMatchObject({ status: 'failed', attempts: 3, error: 'rate_limited: slow down' });
    expect(lines().some((l) => l.level === 50 && String(l.msg).includes('failed for good'))).toBe(true);
  });

  it('does not retry a channel that does not exist', async () => {
    const s = store();
    const poster = new FakePoster().script('C1', { error: new PostError('channel_not_found', 'no such channel') });
    const { log } = captureLog();
    const result = await postTipToChannel({ store: s, knowledge: tipsKnowledge([1, 2]), poster, log, clock, random: seeded(4), sleep: instantSleep }, slot);
    expect(result).toMatchObject({ status: 'failed', attempts: 1, error: 'channel_not_found: no such channel' });
    expect(poster.attempts).toEqual(['C1']);
  });

  it('a failing channel neither blocks nor delays the others', async () => {
    const s = store();
    const poster = new FakePoster().script('C-bad', { error: new PostError('rate_limited', 'slow', 50_000) }, { error: new PostError('rate_limited', 'slow', 50_000) });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { log } = captureLog();
    const channels = [
      { platform: 'slack' as const, channelId: 'C-bad' },
      { platform: 'slack' as const, channelId: 'C-good' },
      { platform: 'slack' as const, channelId: 'C-also' },
    ];
    const run = postSlotToChannels({ store: s, posters: [poster], channels, knowledge: tipsKnowledge([1, 2, 3]), log, clock, random: seeded(5), sleep: () => held }, 'slot-1');
    // While C-bad waits out its rate limit, the other two are already posted.
    await new Promise((r) => setImmediate(r));
    expect(poster.posts.map((p) => p.channelId).sort()).toEqual(['C-also', 'C-good']);
    release();
    const results = await run;
    expect(results.map((r) => r.status)).toEqual(['posted', 'posted', 'posted']);
  });

  it('a stop while waiting to retry closes the slot as failed instead of leaving it claimed', async () => {
    const s = store();
    const poster = new FakePoster().script('C1', { error: new PostError('rate_limited', 'slow', 60_000) });
    const controller = new AbortController();
    const { log } = captureLog();
    const pending = postTipToChannel({ store: s, knowledge: tipsKnowledge([1]), poster, log, clock, random: seeded(6), signal: controller.signal }, slot);
    controller.abort();
    const result = await pending;
    expect(result).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await s.tipPost(slot))?.status).toBe('failed');
    expect(poster.posts).toHaveLength(0);
  });
});
