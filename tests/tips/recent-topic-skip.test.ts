import { afterEach, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/core/knowledge/schema.js';
import { openStore } from '../../src/store/open-store.js';
import { postTipToChannel } from '../../src/tips/post-tip.js';
import { nextTipAvoiding } from '../../src/tips/rotation.js';
import { captureLog, FakePoster, instantSleep, tempDir, tipIdOf, tipsKnowledge } from './support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Tips 1 and 2 are about why-lighter, 3 and 4 about startup-time. */
function twoTopics(): Knowledge {
  const k = tipsKnowledge([1, 2, 3, 4]);
  const startup = { ...(k.faq[0] as Knowledge['faq'][0]), id: 'startup-time', title: 'Start-up time' };
  return { ...k, faq: [...k.faq, startup], tips: k.tips.map((t) => (t.id >= 3 ? { ...t, faq: 'startup-time' } : t)) };
}

describe('a tip on a topic just answered in the channel waits', () => {
  it('nextTipAvoiding takes the first tip of the cycle not avoided and keeps the skipped one next in line', () => {
    const state = { remaining: [1, 3, 2, 4], shown: [], cycle: 1 };
    const pick = nextTipAvoiding(state, [1, 2, 3, 4], () => 0, new Set([1, 2]));
    expect(pick).toEqual({ tipId: 3, state: { remaining: [1, 2, 4], shown: [3], last: 3, cycle: 1 } });
    // Nothing avoided: the plain rotation.
    expect(nextTipAvoiding(state, [1, 2, 3, 4], () => 0, new Set())?.tipId).toBe(1);
    // Everything avoided: a tip is still better than a missed day.
    expect(nextTipAvoiding(state, [1, 2, 3, 4], () => 0, new Set([1, 2, 3, 4]))?.tipId).toBe(1);
  });

  it('posting reads the channel\'s visible answers of the last 24 hours from the store', async () => {
    const t = tempDir();
    const store = openStore({ dataDir: t.dir });
    cleanups.push(() => {
      store.close();
      t.cleanup();
    });
    const now = new Date('2025-06-02T07:00:00Z');
    // The bot shared the why-lighter answer in C1 yesterday evening; in C2 two days ago.
    await store.repeatGuard(120).claim('slack', 'C1', 'why-lighter', new Date('2025-06-01T19:00:00Z'));
    await store.repeatGuard(120).claim('slack', 'C2', 'why-lighter', new Date('2025-05-31T07:00:00Z'));
    await store.claimTipSlot({ platform: 'slack', channelId: 'C1', slotKey: 'seed' }, 9, new Date(0), { remaining: [1, 3, 2, 4], shown: [], cycle: 1 });
    await store.claimTipSlot({ platform: 'slack', channelId: 'C2', slotKey: 'seed' }, 9, new Date(0), { remaining: [1, 3, 2, 4], shown: [], cycle: 1 });
    const poster = new FakePoster('slack');
    const deps = { store, knowledge: twoTopics(), poster, log: captureLog().log, clock: () => now, random: () => 0, sleep: instantSleep };
    await postTipToChannel(deps, { platform: 'slack', channelId: 'C1', slotKey: now.toISOString() });
    await postTipToChannel(deps, { platform: 'slack', channelId: 'C2', slotKey: now.toISOString() });
    expect(poster.posts.map((p) => [p.channelId, tipIdOf(p.card)])).toEqual([
      ['C1', 3],
      ['C2', 1],
    ]);
  });
});
