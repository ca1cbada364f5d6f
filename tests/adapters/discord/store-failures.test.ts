import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RepeatGuard } from '../../../src/core/repeat-guard.js';
import { askCommand, nextInteractionId } from '../../fixtures/discord/interactions.js';
import { startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';
import { openTempStore, type TempStore } from '../../fixtures/store/temp-store.js';

/**
 * The store failing under the real Discord adapter. The design: a store failure
 * never costs the user the answer (it is logged and the post goes out) and
 * never causes a double post.
 */

interface CallbackBody {
  type: number;
  data: { content?: string; flags?: number; embeds?: { title?: string }[] };
}

const EPHEMERAL = 64;
/** Discord drops an interaction not answered within 3 s ("The application did not respond"). */
const DISCORD_REPLY_WINDOW_MS = 3_000;
let channelSeq = 0;
const freshChannel = () => String(444_444_444_444_445_000n + BigInt(++channelSeq));

async function send(bot: BotHarness, payload: { id: string }): Promise<CallbackBody> {
  bot.fake.dispatch('INTERACTION_CREATE', payload);
  return (await bot.fake.waitForCallback(payload.id)).body as CallbackBody;
}

const callbacksFor = (bot: BotHarness, id: string) => bot.fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`));

describe('the repeat guard throwing', () => {
  let temp: TempStore;
  let bot: BotHarness;
  const broken: RepeatGuard = {
    claim: () => {
      throw new Error('disk I/O error');
    },
    confirm: async () => undefined,
    release: async () => undefined,
  };
  beforeAll(async () => {
    temp = openTempStore();
    bot = await startBotAgainstFake({ store: { ...temp.store, repeatGuard: () => broken } });
  });
  afterAll(async () => {
    await bot?.close();
    temp?.remove();
  });

  it('a visible answer still goes out, once, and the guard failure is logged', async () => {
    const ask = askCommand('why-lighter', { channelId: freshChannel() });
    const body = await send(bot, ask);
    expect(body.type).toBe(4);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(body.data.embeds?.[0]?.title).toBeDefined();
    await bot.waitForLog((l) => l.level === 40 && /repeat guard unavailable, posting anyway: disk I\/O error/.test(l.msg));
    expect(callbacksFor(bot, ask.id)).toHaveLength(1);
  });
});

describe('on the real store', () => {
  let bot: BotHarness;
  let locker: Database.Database | undefined;
  beforeAll(async () => {
    bot = await startBotAgainstFake();
  });
  afterEach(() => {
    if (locker?.inTransaction) locker.exec('ROLLBACK');
    locker?.close();
    locker = undefined;
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('a locked database: the visible answer goes out once within the reply window; both failures are logged', async () => {
    const file = bot.temp?.store.file;
    if (file === undefined) throw new Error('the harness should run on its own SQLite store');
    locker = new Database(file);
    locker.exec('BEGIN EXCLUSIVE'); // a second connection holding the write lock, as a stuck CLI or bot copy would
    const ask = askCommand('image-size', { channelId: freshChannel() });
    const started = Date.now();
    const body = await send(bot, ask);
    expect(Date.now() - started).toBeLessThan(DISCORD_REPLY_WINDOW_MS);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(body.data.embeds?.[0]?.title).toBeDefined();
    await bot.waitForLog((l) => /repeat guard unavailable, posting anyway: database is locked/.test(l.msg));
    await bot.waitForLog((l) => /could not store the ask \(the answer was still sent\): database is locked/.test(l.msg));
    expect(callbacksFor(bot, ask.id)).toHaveLength(1);
  });

  it('a visible post that failed gives its claim back: the next asker in the channel gets a visible post, not a pointer to nothing', async () => {
    const channelId = freshChannel();
    const failed = askCommand('startup-time', { id: nextInteractionId(), channelId });
    bot.fake.failRoute(new RegExp(`^/interactions/${failed.id}/`), { status: 400, code: 50035, message: 'Invalid Form Body' });
    await send(bot, failed);
    await bot.waitForLog((l) => l.code === 50035);
    const next = await send(bot, askCommand('startup-time', { channelId }));
    expect((next.data.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(next.data.embeds?.[0]?.title).toBeDefined();
  });
});
