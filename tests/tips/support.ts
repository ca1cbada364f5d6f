import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { PostError } from '../../src/adapters/adapter.js';
import type { Card } from '../../src/core/card.js';
import { synonymsSchema, type Knowledge, type Tip } from '../../src/core/knowledge/schema.js';
import type { Platform } from '../../src/core/usage.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { PostTipResult } from '../../src/tips/post-tip.js';
import type { Poster } from '../../src/tips/poster.js';
import { startTipScheduler, type TipChannel, type TipSchedulerOptions } from '../../src/tips/tip-scheduler.js';

/** A fresh temporary DATA_DIR; call the returned cleanup in afterEach. */
export function tempDir(prefix = 'vmvc-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A logger whose JSON lines can be read back. */
export function captureLog(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger({ level: 'debug', destination: stream, pretty: false });
  return {
    log,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A small knowledge base with the given tip ids: enough for tip cards, nothing for matching. */
export function tipsKnowledge(ids: readonly number[]): Knowledge {
  const tips: Tip[] = ids.map((id) => ({ id, text: `Tip number ${id}.`, faq: 'why-lighter', sources: ['src-a'] }));
  return {
    sources: [{ id: 'src-a', title: 'Source A', file: 'a.md' }],
    faq: [
      {
        id: 'why-lighter',
        title: 'Why containers are lighter',
        question: 'Why are containers lighter than VMs?',
        aliases: ['a', 'b', 'c', 'd', 'e'],
        keywords: ['lighter'],
        short: 'They share the host kernel.',
        answer: 'They share the host kernel.',
        related: [],
        tags: ['basics'],
        sources: ['src-a'],
        pinned: false,
      },
    ],
    comparison: [],
    tips,
    // Parsed, so fields the schema adds with defaults stay filled in.
    language: synonymsSchema.parse({ synonyms: {}, stopwords: ['the'] }),
    intent: { question_starts: ['what'], concept: ['why'], operations: ['install'], how_to: ['how do i'], cost: ['price'], chatter: ['thanks'], against: ['not'], preference: ['instead'], choice: ['when'] },
  };
}

export type Outcome = { ok: true } | { error: PostError | Error };

/** A poster that records every post and can be scripted to fail per channel. */
export class FakePoster implements Poster {
  readonly posts: { channelId: string; card: Card }[] = [];
  readonly attempts: string[] = [];
  private readonly scripts = new Map<string, Outcome[]>();
  private n = 0;

  constructor(readonly platform: Platform = 'slack') {}

  /** The next calls for `channelId` fail with these errors, in order; later calls succeed. */
  script(channelId: string, ...outcomes: Outcome[]): this {
    this.scripts.set(channelId, outcomes);
    return this;
  }

  async post(channelId: string, card: Card): Promise<{ messageId: string }> {
    this.attempts.push(channelId);
    const next = this.scripts.get(channelId)?.shift();
    if (next && 'error' in next) throw next.error;
    this.posts.push({ channelId, card });
    return { messageId: `m${++this.n}` };
  }
}

export const instantSleep = async (): Promise<void> => undefined;

export function tipIdOf(card: Card): number {
  if (card.kind !== 'tip') throw new Error(`expected a tip card, got ${card.kind}`);
  return card.tipId;
}

/** A seeded 0 ≤ x < 1 generator (mulberry32), so shuffles are repeatable. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The old shape of a tip-scheduler test (a channel list, one schedule and
 * zone, `runSlot(time)`) over the subscription scheduler: the channels are
 * subscribed in the store, and runSlot moves the injected clock to the slot
 * and runs one minute tick, as the timer would at that time.
 */
export interface SlotSchedulerOptions extends Omit<TipSchedulerOptions, 'startTimer'> {
  channels: readonly TipChannel[];
  schedule: string;
  timezone: string;
}

export function slotScheduler(options: SlotSchedulerOptions): { runSlot(at: Date): Promise<PostTipResult[]>; checked: Promise<void>; stop(): Promise<void> } {
  let now = options.clock?.() ?? new Date();
  const subscribed = Promise.all(
    options.channels.map((c) => options.store.saveTipSubscription({ ...c, schedule: options.schedule, timezone: options.timezone }, undefined, now)),
  );
  const scheduler = startTipScheduler({ ...options, clock: () => now, startTimer: false });
  return {
    checked: scheduler.checked,
    async runSlot(at) {
      await subscribed;
      now = at;
      return scheduler.tick();
    },
    stop: () => scheduler.stop(),
  };
}
