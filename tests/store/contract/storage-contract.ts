import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RotationState, Storage, TipSlot } from '../../../src/core/storage.js';

/**
 * One behaviour, two stores: every rule the bot relies on, run against the
 * embedded SQLite store and the PostgreSQL store alike (sqlite.test.ts,
 * postgres.test.ts), so the two cannot drift.
 */
export interface StoreUnderTest {
  /** Opens a store on this test's database; a second call opens a second handle on the same database (another bot copy). */
  open(options?: { storeQuestions?: boolean }): Promise<Storage>;
  /** Removes the database after the test (the handles are closed by then). */
  dispose(): Promise<void>;
}

const at = (iso: string) => new Date(iso);
const since = at('2025-01-01T00:00:00Z');

export function describeStorageContract(name: string, create: () => Promise<StoreUnderTest>): void {
  describe(`storage contract: ${name}`, () => {
    let db: StoreUnderTest;
    const handles: Storage[] = [];
    const open = async (options?: { storeQuestions?: boolean }) => {
      const s = await db.open(options);
      handles.push(s);
      return s;
    };
    beforeEach(async () => {
      db = await create();
    });
    afterEach(async () => {
      await Promise.all(handles.splice(0).map((h) => h.close()));
      await db.dispose();
    });

    describe('tip slots', () => {
      const slot: TipSlot = { platform: 'slack', channelId: 'C1', slotKey: '2025-01-06T09:00:00.000Z' };

      it('a slot is claimed once; the record follows the post to done or failed', async () => {
        const s = await open();
        const rotation: RotationState = { remaining: [1, 2], shown: [3], last: 3, cycle: 1 };
        expect(await s.claimTipSlot(slot, 3, at('2025-01-06T09:00:00Z'), rotation)).toBe(true);
        expect(await s.claimTipSlot(slot, 4, at('2025-01-06T09:00:01Z'))).toBe(false);
        expect(await s.rotationState('slack', 'C1')).toEqual(rotation);
        expect(await s.tipPost(slot)).toMatchObject({ tipId: 3, status: 'claimed', attempts: 0 });
        expect(await s.unconfirmedTipPosts(at('2025-01-06T09:00:00Z'))).toHaveLength(1);
        expect(await s.unconfirmedTipPosts(at('2025-01-06T08:59:59Z'))).toHaveLength(0);
        await s.markTipDone(slot, 'ts-1', 2, at('2025-01-06T09:00:02Z'));
        expect(await s.tipPost(slot)).toEqual({ ...slot, tipId: 3, status: 'done', claimedAt: at('2025-01-06T09:00:00Z'), finishedAt: at('2025-01-06T09:00:02Z'), messageId: 'ts-1', attempts: 2 });
        expect(await s.unconfirmedTipPosts(at('2025-01-07T00:00:00Z'))).toEqual([]);

        const other: TipSlot = { ...slot, slotKey: '2025-01-07T09:00:00.000Z' };
        expect(await s.claimTipSlot(other, 1, at('2025-01-07T09:00:00Z'))).toBe(true);
        await s.markTipFailed(other, 'not_in_channel: gone', 1, at('2025-01-07T09:00:01Z'));
        expect(await s.lastTipPost('slack', 'C1')).toMatchObject({ slotKey: other.slotKey, status: 'failed', error: 'not_in_channel: gone', attempts: 1 });
        expect(await s.lastTipPost('discord', 'C1')).toBeUndefined();
        expect(await s.tipPost({ ...slot, channelId: 'C2' })).toBeUndefined();
      });

      it('claimNextTip reads the state and the last post under the claim, and a taken slot reports who has it', async () => {
        const s = await open();
        const seen: unknown[] = [];
        const first = await s.claimNextTip(slot, at('2025-01-06T09:00:00Z'), (state, last) => {
          seen.push({ state, last });
          return { tipId: 5, state: { remaining: [6], shown: [5], last: 5, cycle: 1 } };
        });
        expect(first).toEqual({ claimed: true, tipId: 5 });
        expect(seen).toEqual([{ state: undefined, last: undefined }]);
        const again = await s.claimNextTip(slot, at('2025-01-06T09:00:01Z'), () => ({ tipId: 6, state: { remaining: [], shown: [5, 6], cycle: 1 } }));
        expect(again).toMatchObject({ claimed: false, reason: 'taken', existing: { tipId: 5, status: 'claimed' } });
        const next: TipSlot = { ...slot, slotKey: '2025-01-07T09:00:00.000Z' };
        const third = await s.claimNextTip(next, at('2025-01-07T09:00:00Z'), (state, last) => {
          expect(state).toEqual({ remaining: [6], shown: [5], last: 5, cycle: 1 });
          expect(last).toMatchObject({ tipId: 5, slotKey: slot.slotKey });
          return undefined;
        });
        expect(third).toEqual({ claimed: false, reason: 'no-tips' });
        expect(await s.tipPost(next)).toBeUndefined();
      });

      it('two copies racing for one slot: exactly one claims it', async () => {
        const a = await open();
        const b = await open();
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 === 0 ? a : b).claimNextTip(slot, at('2025-01-06T09:00:00Z'), () => ({ tipId: i + 1, state: { remaining: [], shown: [i + 1], cycle: 1 } })),
          ),
        );
        const winners = results.filter((r) => r.claimed);
        expect(winners).toHaveLength(1);
        const winner = winners[0] as { tipId: number };
        expect(await b.rotationState('slack', 'C1')).toEqual({ remaining: [], shown: [winner.tipId], cycle: 1 });
      });

      it('two copies claiming different slots of one channel never pick from the same state', async () => {
        const a = await open();
        const b = await open();
        // Each pick takes the next tip of the stored state; 10 slots must post 10 different tips.
        const pick = (state: RotationState | undefined) => {
          const shown = state?.shown ?? [];
          const tipId = shown.length + 1;
          return { tipId, state: { remaining: [], shown: [...shown, tipId], cycle: 1 } };
        };
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).claimNextTip({ ...slot, slotKey: `manual:${i}` }, at('2025-01-06T09:00:00Z'), pick)),
        );
        const ids = results.map((r) => (r.claimed ? r.tipId : -1)).sort((x, y) => x - y);
        expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      });

      it('data survives closing and reopening', async () => {
        const first = await open();
        expect(await first.claimTipSlot(slot, 3, at('2025-01-06T09:00:00Z'), { remaining: [1], shown: [3], cycle: 2 })).toBe(true);
        await first.recorder.recordVote({ platform: 'slack', entryId: 'why-lighter', vote: 'down', userHash: 'h1', at: at('2025-01-06T10:00:00Z') });
        await first.close();
        const again = await open();
        expect(await again.tipPost(slot)).toMatchObject({ tipId: 3 });
        expect(await again.rotationState('slack', 'C1')).toEqual({ remaining: [1], shown: [3], cycle: 2 });
        expect(await again.mostDownvotedEntries(since, 10)).toEqual([{ entryId: 'why-lighter', down: 1, up: 0 }]);
      });
    });

    describe('votes and questions', () => {
      it('one vote per user per entry, even from two copies at once; changing your mind replaces the vote', async () => {
        const a = await open();
        const b = await open();
        const vote = (s: Storage, userHash: string, entryId: string, v: 'up' | 'down', when: string) =>
          s.recorder.recordVote({ platform: 'discord', entryId, vote: v, userHash, at: at(when) });
        await Promise.all(Array.from({ length: 10 }, (_, i) => vote(i % 2 ? a : b, 'u1', 'a', 'down', '2025-01-02T00:00:00Z')));
        expect(await a.mostDownvotedEntries(since, 10)).toEqual([{ entryId: 'a', down: 1, up: 0 }]);
        await vote(b, 'u1', 'a', 'up', '2025-01-02T00:02:00Z');
        expect(await a.mostDownvotedEntries(since, 10)).toEqual([]);
        await vote(a, 'u2', 'a', 'down', '2025-01-02T00:03:00Z');
        await vote(b, 'u1', 'b', 'down', '2025-01-02T00:04:00Z');
        expect(await b.mostDownvotedEntries(since, 10)).toEqual([
          { entryId: 'b', down: 1, up: 0 },
          { entryId: 'a', down: 1, up: 1 },
        ]);
      });

      it('answered asks count per entry; unanswered ones group by normalised text; the window and the limit hold', async () => {
        const s = await open();
        const now = at('2025-02-01T12:00:00Z');
        await s.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'why-lighter', normalized: 'contain light vm', at: now });
        await s.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'why-lighter', normalized: 'contain light', at: now });
        await s.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'startup-time', normalized: 'boot', at: now });
        await s.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'old', normalized: '', at: at('2024-12-01T00:00:00Z') });
        await s.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: 'kubernet cost', at: now });
        await s.recorder.recordAsk({ platform: 'discord', status: 'suggest', entryId: 'x', normalized: 'kubernet cost', at: at('2025-02-01T12:30:00Z') });
        await s.recorder.recordAsk({ platform: 'discord', status: 'declined', normalized: 'pizza', at: now });
        expect(await s.mostAskedEntries(since, 5)).toEqual([
          { entryId: 'why-lighter', count: 2 },
          { entryId: 'startup-time', count: 1 },
        ]);
        expect(await s.mostAskedEntries(since, 1)).toEqual([{ entryId: 'why-lighter', count: 2 }]);
        expect(await s.unansweredQuestions(since, 5)).toEqual([
          { normalized: 'kubernet cost', count: 2, lastAskedAt: at('2025-02-01T12:30:00Z') },
          { normalized: 'pizza', count: 1, lastAskedAt: now },
        ]);
      });

      it('STORE_QUESTIONS=false keeps no question text', async () => {
        const s = await open({ storeQuestions: false });
        const now = new Date();
        await s.recorder.recordAsk({ platform: 'slack', status: 'declined', normalized: 'secret project name', at: now });
        await s.recorder.recordAsk({ platform: 'slack', status: 'answered', entryId: 'a', normalized: 'secret answered', at: now });
        expect(await s.unansweredQuestions(new Date(0), 10)).toEqual([]);
        expect(await s.mostAskedEntries(new Date(0), 10)).toEqual([{ entryId: 'a', count: 1 }]);
      });
    });

    describe('repeat guard', () => {
      it('two copies share the cooldown, per channel and entry', async () => {
        const a = (await open()).repeatGuard(120);
        const b = (await open()).repeatGuard(120);
        const t0 = at('2025-03-01T10:00:00Z');
        expect(await a.claim('slack', 'C1', 'why-lighter', t0)).toBeUndefined();
        await a.confirm('slack', 'C1', 'why-lighter', 'https://example.slack.com/p1');
        expect(await b.claim('slack', 'C1', 'why-lighter', new Date(t0.getTime() + 30_000))).toEqual({ at: t0, messageRef: 'https://example.slack.com/p1' });
        expect(await b.claim('slack', 'C2', 'why-lighter', t0)).toBeUndefined();
        expect(await b.claim('slack', 'C1', 'startup-time', t0)).toBeUndefined();
        const later = new Date(t0.getTime() + 120_000);
        expect(await b.claim('slack', 'C1', 'why-lighter', later)).toBeUndefined();
        expect(await a.claim('slack', 'C1', 'why-lighter', new Date(later.getTime() + 1_000))).toEqual({ at: later });
        await a.release('slack', 'C1', 'why-lighter');
        expect(await b.claim('slack', 'C1', 'why-lighter', new Date(later.getTime() + 2_000))).toBeUndefined();
      });

      it('of many simultaneous claims from two copies, exactly one may post', async () => {
        const a = (await open()).repeatGuard(120);
        const b = (await open()).repeatGuard(120);
        const t0 = at('2025-03-01T10:00:00Z');
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('discord', 'C9', 'difference', t0)));
        expect(results.filter((r) => r === undefined)).toHaveLength(1);
      });
    });

    describe('help channels', () => {
      const policy = { maxPerWindow: 2, windowSeconds: 600 };
      const min = (m: number) => new Date(Date.UTC(2025, 0, 1, 9, m));

      it('the setting is per platform and channel, and every copy sees it', async () => {
        const a = await open();
        const b = await open();
        await a.helpChannels.setHelpChannel('slack', 'C1', true, 'hash', min(0));
        await a.helpChannels.setHelpChannel('slack', 'C1', true, 'hash', min(0)); // twice is still on
        expect(await b.helpChannels.isHelpChannel('slack', 'C1')).toBe(true);
        expect(await b.helpChannels.isHelpChannel('discord', 'C1')).toBe(false);
        await b.helpChannels.setHelpChannel('slack', 'C1', false, 'hash', min(1));
        expect(await a.helpChannels.isHelpChannel('slack', 'C1')).toBe(false);
      });

      it('one auto-reply per thread and at most maxPerWindow per channel in the window', async () => {
        const h = (await open()).helpChannels;
        expect(await h.claimAutoReply('slack', 'C1', 't1', min(0), policy)).toEqual({ claimed: true });
        expect(await h.claimAutoReply('slack', 'C1', 't1', min(1), policy)).toEqual({ claimed: false, reason: 'already-replied' });
        expect(await h.claimAutoReply('slack', 'C1', 't2', min(1), policy)).toEqual({ claimed: true });
        expect(await h.claimAutoReply('slack', 'C1', 't3', min(2), policy)).toEqual({ claimed: false, reason: 'rate-limited' });
        expect(await h.claimAutoReply('slack', 'C2', 't3', min(2), policy)).toEqual({ claimed: true });
        expect(await h.claimAutoReply('slack', 'C1', 't3', min(11), policy)).toEqual({ claimed: true });
        await h.confirmAutoReply('slack', 'C1', 't3', 'm-1', 'why-lighter');
        await h.releaseAutoReply('slack', 'C1', 't3');
        expect(await h.claimAutoReply('slack', 'C1', 't3', min(12), policy)).toEqual({ claimed: true });
      });

      it('two copies racing for a busy channel stay within the rate', async () => {
        const a = (await open()).helpChannels;
        const b = (await open()).helpChannels;
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).claimAutoReply('discord', 'C5', `t${i}`, min(0), policy)));
        expect(results.filter((r) => r.claimed)).toHaveLength(2);
      });
    });

    describe('tip subscriptions', () => {
      const t0 = at('2025-04-01T10:00:00Z');
      const berlin = { platform: 'slack' as const, channelId: 'C1', schedule: '0 9 * * 1-5', timezone: 'Europe/Berlin' };

      it('one subscription per channel, seen by every copy; saving again changes it; removing ends it', async () => {
        const a = await open();
        const b = await open();
        expect(await a.tipSubscriptions()).toEqual([]);
        await a.saveTipSubscription(berlin, 'hash-1', t0);
        expect(await b.tipSubscription('slack', 'C1')).toEqual({ ...berlin, createdAt: t0, updatedAt: t0, setInChat: true });
        expect(await b.tipSubscription('discord', 'C1')).toBeUndefined();
        const t1 = at('2025-04-02T10:00:00Z');
        await b.saveTipSubscription({ ...berlin, schedule: '30 16 * * *', timezone: 'America/Los_Angeles' }, 'hash-2', t1);
        await a.saveTipSubscription({ platform: 'discord', channelId: '42', schedule: '0 8 * * *', timezone: 'UTC' }, undefined, t1);
        expect(await a.tipSubscriptions()).toEqual([
          { platform: 'discord', channelId: '42', schedule: '0 8 * * *', timezone: 'UTC', createdAt: t1, updatedAt: t1, setInChat: false },
          { ...berlin, schedule: '30 16 * * *', timezone: 'America/Los_Angeles', createdAt: t0, updatedAt: t1, setInChat: true },
        ]);
        expect(await b.removeTipSubscription('slack', 'C1')).toBe(true);
        expect(await a.removeTipSubscription('slack', 'C1')).toBe(false);
        expect(await a.tipSubscription('slack', 'C1')).toBeUndefined();
      });

      it('a pause is taken once (of two copies, one logs it), shows on the subscription, and saving again resumes', async () => {
        const a = await open();
        const b = await open();
        await a.saveTipSubscription(berlin, undefined, t0);
        const t1 = at('2025-04-03T07:00:00Z');
        const both = await Promise.all([a.pauseTipSubscription('slack', 'C1', 'not_in_channel: removed', t1), b.pauseTipSubscription('slack', 'C1', 'not_in_channel: again', t1)]);
        expect(both.filter(Boolean)).toHaveLength(1);
        expect(await b.tipSubscription('slack', 'C1')).toMatchObject({ pausedAt: t1 });
        expect((await b.tipSubscription('slack', 'C1'))?.pausedReason).toMatch(/^not_in_channel: /);
        expect(await a.pauseTipSubscription('slack', 'C2', 'gone', t1)).toBe(false); // no such subscription
        await b.saveTipSubscription(berlin, undefined, at('2025-04-04T07:00:00Z'));
        const resumed = await a.tipSubscription('slack', 'C1');
        expect(resumed?.pausedAt).toBeUndefined();
        expect(resumed?.pausedReason).toBeUndefined();
        // A failure from a post claimed before that resume does not pause the channel again.
        expect(await a.pauseTipSubscription('slack', 'C1', 'not_in_channel: stale', at('2025-04-04T07:05:00Z'), at('2025-04-03T07:00:00Z'))).toBe(false);
        expect((await b.tipSubscription('slack', 'C1'))?.pausedAt).toBeUndefined();
        expect(await a.pauseTipSubscription('slack', 'C1', 'not_in_channel: fresh', at('2025-04-05T07:05:00Z'), at('2025-04-05T07:00:00Z'))).toBe(true);
      });

      it('the environment import happens once across copies, keeps existing subscriptions, and later imports change nothing', async () => {
        const a = await open();
        const b = await open();
        await a.saveTipSubscription({ ...berlin, channelId: 'C2' }, 'hash', t0); // set from chat before the first import
        const env = [
          { platform: 'slack' as const, channelId: 'C1', schedule: '0 9 * * 1-5', timezone: 'UTC' },
          { platform: 'slack' as const, channelId: 'C2', schedule: '0 9 * * 1-5', timezone: 'UTC' },
        ];
        const results = await Promise.all([a.importTipSubscriptions(env, t0), b.importTipSubscriptions(env, t0)]);
        expect(results.filter((r) => r.imported)).toEqual([{ imported: true, count: 1 }]);
        expect(results.find((r) => !r.imported)).toEqual({ imported: false, at: t0 });
        expect((await a.tipSubscription('slack', 'C2'))?.timezone).toBe('Europe/Berlin');
        await a.removeTipSubscription('slack', 'C1');
        expect(await b.importTipSubscriptions(env, at('2025-05-01T00:00:00Z'))).toEqual({ imported: false, at: t0 });
        expect(await a.tipSubscription('slack', 'C1')).toBeUndefined();
      });
    });

    describe('tip votes and recent posts', () => {
      it('one vote per user per tip, from two copies at once; the latest wins; totals order by 👍', async () => {
        const a = await open();
        const b = await open();
        const vote = (s: Storage, userHash: string, tipId: number, v: 'up' | 'down', when: string) => s.recordTipVote({ platform: 'slack', tipId, vote: v, userHash, at: at(when) });
        await Promise.all(Array.from({ length: 10 }, (_, i) => vote(i % 2 ? a : b, 'u1', 3, 'down', '2025-01-02T00:00:00Z')));
        expect(await a.tipVotes(since, 10)).toEqual([{ tipId: 3, up: 0, down: 1 }]);
        await vote(b, 'u1', 3, 'up', '2025-01-02T00:01:00Z');
        await vote(a, 'u2', 3, 'up', '2025-01-02T00:02:00Z');
        await vote(a, 'u2', 7, 'down', '2025-01-02T00:03:00Z');
        await vote(a, 'u3', 5, 'up', '2024-12-01T00:00:00Z'); // before `since`
        expect(await b.tipVotes(since, 10)).toEqual([
          { tipId: 3, up: 2, down: 0 },
          { tipId: 7, up: 0, down: 1 },
        ]);
        expect(await b.tipVotes(since, 1)).toEqual([{ tipId: 3, up: 2, down: 0 }]);
      });

      it('recentlyPostedEntries reads the visible posts of one channel since a time, past the cooldown', async () => {
        const s = await open();
        const guard = s.repeatGuard(120);
        const t0 = at('2025-03-01T10:00:00Z');
        await guard.claim('slack', 'C1', 'why-lighter', t0);
        await guard.claim('slack', 'C1', 'startup-time', at('2025-03-01T20:00:00Z'));
        await guard.claim('slack', 'C2', 'hypervisor', t0);
        expect(await s.recentlyPostedEntries('slack', 'C1', at('2025-03-01T09:00:00Z'))).toEqual(['startup-time', 'why-lighter']);
        expect(await s.recentlyPostedEntries('slack', 'C1', at('2025-03-01T12:00:00Z'))).toEqual(['startup-time']);
        expect(await s.recentlyPostedEntries('discord', 'C1', at('2025-03-01T09:00:00Z'))).toEqual([]);
      });

      it('recentlyPostedEntries counts help-channel auto-replies once confirmed, whichever copy reads them', async () => {
        const a = await open();
        const b = await open();
        const policy = { maxPerWindow: 5, windowSeconds: 600 };
        const t0 = at('2025-03-02T10:00:00Z');
        await a.repeatGuard(120).claim('slack', 'C1', 'why-lighter', t0);
        await a.helpChannels.claimAutoReply('slack', 'C1', 'thread-1', t0, policy);
        await a.helpChannels.confirmAutoReply('slack', 'C1', 'thread-1', 'm-1', 'hypervisor');
        await a.helpChannels.claimAutoReply('slack', 'C1', 'thread-2', t0, policy);
        await a.helpChannels.confirmAutoReply('slack', 'C1', 'thread-2', 'm-2', 'why-lighter');
        // Claimed but never confirmed (the post's fate unknown): nothing to say it answered anything.
        await a.helpChannels.claimAutoReply('slack', 'C1', 'thread-3', t0, policy);
        await a.helpChannels.claimAutoReply('slack', 'C2', 'thread-4', t0, policy);
        await a.helpChannels.confirmAutoReply('slack', 'C2', 'thread-4', 'm-4', 'startup-time');
        expect(await b.recentlyPostedEntries('slack', 'C1', at('2025-03-02T09:00:00Z'))).toEqual(['hypervisor', 'why-lighter']);
        expect(await b.recentlyPostedEntries('slack', 'C1', at('2025-03-02T11:00:00Z'))).toEqual([]);
      });
    });

    describe('deliveries', () => {
      it('of many simultaneous claims of one event id from two copies, exactly one wins; ids are per platform', async () => {
        const a = await open();
        const b = await open();
        const now = at('2025-05-01T10:00:00Z');
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimDelivery('slack', 'Ev123', now)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await a.claimDelivery('discord', 'Ev123', now)).toBe(true);
        expect(await b.claimDelivery('slack', 'Ev124', now)).toBe(true);
      });
    });

    describe('the handle', () => {
      it('ping answers, description names the database, and close can be called twice', async () => {
        const s = await open();
        await expect(s.ping()).resolves.toBeUndefined();
        expect(s.description).not.toBe('');
        expect(s.description).not.toMatch(/:[^:@/]+@/); // never a password
        await s.close();
        await s.close();
      });
    });
  });
}
