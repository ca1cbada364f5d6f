import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Card } from '../../src/core/card.js';
import type { TipSlot } from '../../src/core/storage.js';
import { openStore, type SqliteStorage } from '../../src/store/open-store.js';
import { postTipToChannel } from '../../src/tips/post-tip.js';
import { postSlotToChannels } from '../../src/tips/tip-scheduler.js';
import { captureLog, FakePoster, instantSleep, seeded, tempDir, tipsKnowledge } from './support.js';

/** Tips when the store fails mid-way: a sent tip is never re-sent or called failed, and one channel's crash spares the others. */

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

describe('a store failure around a tip post', () => {
  it('the database locked after the send: the tip counts as posted, is sent once, and the slot stays claimed (not re-sent)', async () => {
    const s = store();
    const slot: TipSlot = { platform: 'slack', channelId: 'C1', slotKey: now.toISOString() };
    let locker: Database.Database | undefined;
    cleanups.unshift(() => {
      if (locker?.inTransaction) locker.exec('ROLLBACK');
      locker?.close();
    });
    // The platform accepts the post; meanwhile another connection takes the write lock, so markTipDone cannot write.
    const poster = new (class extends FakePoster {
      override async post(channelId: string, card: Card): Promise<{ messageId: string }> {
        const sent = await super.post(channelId, card);
        locker = new Database(s.file);
        locker.exec('BEGIN EXCLUSIVE');
        return sent;
      }
    })();
    const { log, lines } = captureLog();
    const result = await postTipToChannel({ store: s, knowledge: tipsKnowledge([1, 2, 3]), poster, log, clock, random: seeded(1), sleep: instantSleep }, slot);
    expect(result).toMatchObject({ status: 'posted', attempts: 1 });
    expect(poster.attempts).toEqual(['C1']);
    expect(lines().some((l) => /could not record the tip post outcome/.test(String(l['msg'])))).toBe(true);
    locker?.exec('ROLLBACK');
    expect((await s.tipPost(slot))?.status).toBe('claimed');
  });

  it('one channel whose store calls throw does not stop the others, and the slot run still settles', async () => {
    const s = store();
    const broken: SqliteStorage = {
      ...s,
      claimNextTip: (slot, ...rest) => {
        if (slot.channelId === 'C-bad') throw new Error('database disk image is malformed');
        return s.claimNextTip(slot, ...rest);
      },
    };
    const poster = new FakePoster();
    const { log, lines } = captureLog();
    const channels = [
      { platform: 'slack' as const, channelId: 'C-bad' },
      { platform: 'slack' as const, channelId: 'C-good' },
    ];
    const results = await postSlotToChannels({ store: broken, posters: [poster], channels, knowledge: tipsKnowledge([1, 2]), log, clock, random: seeded(3), sleep: instantSleep }, 'slot-1');
    expect(results.map((r) => [r.slot.channelId, r.status])).toEqual([['C-good', 'posted']]);
    expect(poster.posts.map((p) => p.channelId)).toEqual(['C-good']);
    expect(lines().some((l) => String(l['msg']).startsWith('tip slot skipped: the store failed') && l['channel'] === 'C-bad')).toBe(true);
  });
});
