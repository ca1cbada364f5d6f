import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type SqliteStorage } from '../../src/store/open-store.js';
import { DATABASE_FILE } from '../../src/store/open-database.js';

import { captureLog, FakePoster, instantSleep, seeded, tempDir, tipIdOf, tipsKnowledge , slotScheduler, type SlotSchedulerOptions } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function open(dir: string): SqliteStorage {
  const s = openStore({ dataDir: dir });
  cleanups.unshift(() => s.close());
  return s;
}

const channels = [
  { platform: 'slack' as const, channelId: 'C1' },
  { platform: 'discord' as const, channelId: '123456789012345678' },
];
const fire = new Date('2025-06-02T07:00:00.000Z');

function scheduler(store: SqliteStorage, posters: FakePoster[], seed: number, extra: Partial<SlotSchedulerOptions> = {}) {
  const { log, lines } = captureLog();
  const s = slotScheduler({
    store,
    posters,
    channels,
    schedule: '0 9 * * 1-5',
    timezone: 'Europe/Berlin',
    knowledge: tipsKnowledge([1, 2, 3, 4, 5]),
    log,
    clock: () => fire,
    random: seeded(seed),
    sleep: instantSleep,
    ...extra,
  });
  cleanups.unshift(() => void s.stop());
  return { s, lines };
}

describe('exactly once per channel per slot', () => {
  it('two schedulers with two stores on ONE database file race for the same slot: one post per channel', async () => {
    const dir = dataDir();
    const slackA = new FakePoster('slack');
    const discordA = new FakePoster('discord');
    const slackB = new FakePoster('slack');
    const discordB = new FakePoster('discord');
    const a = scheduler(open(dir), [slackA, discordA], 1).s;
    const b = scheduler(open(dir), [slackB, discordB], 2).s;
    const [ra, rb] = await Promise.all([a.runSlot(fire), b.runSlot(fire)]);
    expect(slackA.posts.length + slackB.posts.length).toBe(1);
    expect(discordA.posts.length + discordB.posts.length).toBe(1);
    const statuses = [...ra, ...rb].map((r) => r.status).sort();
    expect(statuses).toEqual(['posted', 'posted', 'skipped', 'skipped']);
    const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM tip_posts WHERE status = 'done'").get()).toEqual({ n: 2 });
    db.close();
  });

  it('many connections hammering the same slot: the unique key lets exactly one claim win', async () => {
    const dir = dataDir();
    const stores = Array.from({ length: 8 }, () => open(dir));
    const slot = { platform: 'slack' as const, channelId: 'C1', slotKey: fire.toISOString() };
    const wins = (await Promise.all(stores.map((s, i) => s.claimTipSlot(slot, i + 1, fire)))).filter(Boolean);
    expect(wins).toHaveLength(1);
    expect((await stores[5]?.tipPost(slot))?.tipId).toBe(1);
  });

  it('a restart that fires the same slot again posts nothing new; the next slot posts the next tip', async () => {
    const dir = dataDir();
    const poster1 = new FakePoster('slack');
    const first = scheduler(open(dir), [poster1, new FakePoster('discord')], 7);
    await first.s.runSlot(fire);
    await first.s.stop();

    const poster2 = new FakePoster('slack');
    const second = scheduler(open(dir), [poster2, new FakePoster('discord')], 8);
    const again = await second.s.runSlot(fire);
    expect(again.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(poster2.posts).toHaveLength(0);

    const nextDay = new Date('2025-06-03T07:00:00.000Z');
    await second.s.runSlot(nextDay);
    expect(poster2.posts).toHaveLength(1);
    const firstTip = tipIdOf(poster1.posts[0]!.card);
    const secondTip = tipIdOf(poster2.posts[0]!.card);
    expect(secondTip).not.toBe(firstTip);
  });

  it('rotation survives restarts: five slots over three restarts show all five tips once', async () => {
    const dir = dataDir();
    const seen: number[] = [];
    for (let day = 0; day < 5; day++) {
      const poster = new FakePoster('slack');
      const { s } = scheduler(open(dir), [poster], 100 + day, { channels: [channels[0]!] });
      await s.runSlot(new Date(fire.getTime() + day * 86_400_000));
      await s.stop();
      seen.push(tipIdOf(poster.posts[0]!.card));
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('a crash between claim and send: the slot stays claimed, is not re-sent, and is reported as unconfirmed', async () => {
    const dir = dataDir();
    const crashed = open(dir);
    const slot = { platform: 'slack' as const, channelId: 'C1', slotKey: fire.toISOString() };
    // What a process that died right after claiming leaves behind.
    expect(await crashed.claimNextTip(slot, fire, () => ({ tipId: 4, state: { remaining: [1, 2, 3, 5], shown: [4], last: 4, cycle: 1 } }))).toEqual({ claimed: true, tipId: 4 });
    crashed.close();

    const poster = new FakePoster('slack');
    const restarted = open(dir);
    const { s, lines } = scheduler(restarted, [poster], 9, { channels: [channels[0]!] });
    await s.checked;
    const unconfirmed = lines().filter((l) => String(l.msg).startsWith('unconfirmed tip post'));
    expect(unconfirmed).toHaveLength(1);
    expect(unconfirmed[0]).toMatchObject({ slot: fire.toISOString(), tipId: 4, channel: 'C1' });

    const results = await s.runSlot(fire);
    expect(results).toMatchObject([{ status: 'skipped', reason: 'taken' }]);
    expect(poster.posts).toHaveLength(0);
    expect((await restarted.tipPost(slot))?.status).toBe('claimed');
    // The rotation moved on: the next slot does not post tip 4 again.
    await s.runSlot(new Date('2025-06-03T07:00:00.000Z'));
    expect(tipIdOf(poster.posts[0]!.card)).not.toBe(4);
  });

  it('a manual post takes its own slot and leaves the scheduled one free', async () => {
    const dir = dataDir();
    const store = open(dir);
    const poster = new FakePoster('slack');
    const { s } = scheduler(store, [poster], 10, { channels: [channels[0]!] });
    const { postSlotToChannels } = await import('../../src/tips/tip-scheduler.js');
    const { log } = captureLog();
    await postSlotToChannels({ store, posters: [poster], channels: [channels[0]!], knowledge: tipsKnowledge([1, 2, 3, 4, 5]), log, clock: () => fire, sleep: instantSleep }, `manual:${fire.toISOString()}`);
    await s.runSlot(fire);
    expect(poster.posts).toHaveLength(2);
    expect(tipIdOf(poster.posts[0]!.card)).not.toBe(tipIdOf(poster.posts[1]!.card));
  });

  it('channels of a platform that is not connected are skipped with a warning', async () => {
    const dir = dataDir();
    const slack = new FakePoster('slack');
    const { s, lines } = scheduler(open(dir), [slack], 11);
    const results = await s.runSlot(fire);
    expect(results).toHaveLength(1);
    expect(slack.posts).toHaveLength(1);
    expect(lines().some((l) => String(l.msg).includes('discord is not connected'))).toBe(true);
  });
});
