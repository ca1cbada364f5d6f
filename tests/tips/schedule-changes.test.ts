import { afterEach, describe, expect, it } from 'vitest';
import { startTipScheduler } from '../../src/tips/tip-scheduler.js';
import { openTempStore, type TempStore } from '../fixtures/store/temp-store.js';
import { captureLog, FakePoster, tipsKnowledge } from './support.js';

/**
 * A channel's schedule changed from chat during the day: one tip per local day
 * still holds, and a slot from before the change is not posted late.
 */
const temps: TempStore[] = [];
afterEach(() => temps.splice(0).forEach((t) => t.remove()));

function setUp(startIso: string) {
  const temp = openTempStore();
  temps.push(temp);
  let now = new Date(startIso);
  const poster = new FakePoster('slack');
  const scheduler = startTipScheduler({ store: temp.store, posters: [poster], knowledge: tipsKnowledge([1, 2, 3, 4, 5]), log: captureLog().log, clock: () => now, startTimer: false });
  return {
    store: temp.store,
    poster,
    at: async (iso: string) => {
      now = new Date(iso);
      return scheduler.tick();
    },
    stop: () => scheduler.stop(),
  };
}

const sub = (schedule: string) => ({ platform: 'slack' as const, channelId: 'C0CHANGE', schedule, timezone: 'Europe/Berlin' });

describe('schedule changes during the day', () => {
  it('moving the time to a minute already past today posts tomorrow, not at once', async () => {
    const t = setUp('2025-06-02T06:59:00Z');
    await t.store.saveTipSubscription(sub('0 9 * * *'), 'admin-hash', new Date('2025-06-02T06:00:00Z'));
    await t.at('2025-06-02T07:00:01Z'); // 09:00:01 Berlin
    expect(t.poster.posts).toHaveLength(1);
    await t.store.saveTipSubscription(sub('2 9 * * *'), 'admin-hash', new Date('2025-06-02T07:03:00Z'));
    await t.at('2025-06-02T07:03:01Z');
    await t.at('2025-06-02T07:04:01Z');
    expect(t.poster.posts).toHaveLength(1);
    await t.at('2025-06-03T07:02:01Z'); // tomorrow 09:02 Berlin
    expect(t.poster.posts).toHaveLength(2);
    await t.stop();
  });

  it('a channel subscribed just after its slot time starts tomorrow', async () => {
    const t = setUp('2025-06-02T07:03:00Z');
    await t.store.saveTipSubscription(sub('0 9 * * *'), 'admin-hash', new Date('2025-06-02T07:03:00Z'));
    await t.at('2025-06-02T07:03:01Z');
    expect(t.poster.posts).toHaveLength(0);
    await t.at('2025-06-03T07:00:01Z');
    expect(t.poster.posts).toHaveLength(1);
    await t.stop();
  });

  it('a tip posted earlier today under another time counts as the day\'s tip when the time moves later', async () => {
    const t = setUp('2025-06-02T06:59:00Z');
    await t.store.saveTipSubscription(sub('0 9 * * *'), 'admin-hash', new Date('2025-06-02T06:00:00Z'));
    await t.at('2025-06-02T07:00:01Z');
    await t.store.saveTipSubscription(sub('0 10 * * *'), 'admin-hash', new Date('2025-06-02T07:30:00Z'));
    await t.at('2025-06-02T08:00:01Z'); // 10:00:01 Berlin, the same local day
    expect(t.poster.posts).toHaveLength(1);
    await t.at('2025-06-03T08:00:01Z');
    expect(t.poster.posts).toHaveLength(2);
    await t.stop();
  });
});
