import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { nextFireTime, parseTipSchedule, scheduledTimeFor, slotKeyFor } from '../../src/tips/schedule.js';
import { startTipScheduler } from '../../src/tips/tip-scheduler.js';
import { captureLog, FakePoster, instantSleep, seeded, tempDir, tipsKnowledge } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  vi.useRealTimers();
});

describe('tip schedule and slot keys', () => {
  it('weekdays at 09:00 Europe/Berlin are 07:00 UTC in summer and 08:00 UTC in winter', () => {
    expect(nextFireTime('0 9 * * 1-5', 'Europe/Berlin', new Date('2025-03-28T10:00:00Z'))?.toISOString()).toBe('2025-03-31T07:00:00.000Z');
    expect(nextFireTime('0 9 * * 1-5', 'Europe/Berlin', new Date('2025-10-24T10:00:00Z'))?.toISOString()).toBe('2025-10-27T08:00:00.000Z');
  });

  it('a fire maps to its scheduled time, even when croner fires late', () => {
    const cron = parseTipSchedule('0 9 * * 1-5', 'Europe/Berlin');
    for (const late of [0, 3, 950, 45_000]) {
      expect(scheduledTimeFor(cron, new Date(Date.parse('2025-06-02T07:00:00Z') + late))?.toISOString()).toBe('2025-06-02T07:00:00.000Z');
    }
    cron.stop();
  });

  it('the wall-clock time that happens twice when DST ends is one slot', () => {
    const cron = parseTipSchedule('30 2 * * *', 'Europe/Berlin');
    // 02:30 on 26 Oct 2025 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    const firstPass = scheduledTimeFor(cron, new Date('2025-10-26T00:30:00.200Z'));
    const secondPass = scheduledTimeFor(cron, new Date('2025-10-26T01:30:00.200Z'));
    const restartInBetween = scheduledTimeFor(cron, new Date('2025-10-26T01:10:00Z'));
    expect(firstPass && slotKeyFor(firstPass)).toBe('2025-10-26T00:30:00.000Z');
    expect(secondPass && slotKeyFor(secondPass)).toBe('2025-10-26T00:30:00.000Z');
    expect(restartInBetween && slotKeyFor(restartInBetween)).toBe('2025-10-26T00:30:00.000Z');
    cron.stop();
  });

  it('the minute timer posts a channel\'s slot once, at its local time (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2025-06-02T06:58:30.000Z'));
    const t = tempDir();
    const store = openStore({ dataDir: t.dir });
    cleanups.push(() => {
      store.close();
      t.cleanup();
    });
    await store.saveTipSubscription({ platform: 'slack', channelId: 'C1', schedule: '0 9 * * *', timezone: 'Europe/Berlin' }, undefined, new Date());
    const poster = new FakePoster('slack');
    const { log } = captureLog();
    const scheduler = startTipScheduler({ store, posters: [poster], knowledge: tipsKnowledge([1, 2, 3]), log, random: seeded(1), sleep: instantSleep });
    // The minute ticks at 06:59 and 07:00 UTC (09:00 in Berlin): one post, at the tick just after 07:00.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poster.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(poster.posts).toHaveLength(1);
    expect(await store.lastTipPost('slack', 'C1')).toMatchObject({ slotKey: '2025-06-02T07:00:00.000Z', status: 'done' });
    // The ticks inside the due window find the slot taken and post nothing more.
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(poster.posts).toHaveLength(1);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(poster.posts).toHaveLength(1);
  });
});
