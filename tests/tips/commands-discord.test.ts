import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../fixtures/store/temp-store.js';
import { slashCommand } from '../fixtures/discord/interactions.js';
import { startBotAgainstFake, type BotHarness } from '../fixtures/discord/start-bot.js';

/**
 * `/vmvc tips …` (a subcommand group) through the real discord.js client
 * against the local fake and a real SQLite store: Manage Channels to change,
 * the bot's own channel permissions from the payload before yes, subscribe,
 * status, next (deferred, then posted once), off.
 */
const MANAGE_CHANNELS = String(2248473465835073n | 16n);
const CHANNEL = '444444444444444471';

function tipsCommand(sub: string, options: { name: string; type: number; value: string }[], manage: boolean, appPermissions?: string) {
  const payload = slashCommand('tips', { channelId: CHANNEL });
  payload.data.options = [{ name: 'tips', type: 2, options: [{ name: sub, type: 1, options }] }] as unknown as typeof payload.data.options;
  if (manage) payload.member.permissions = MANAGE_CHANNELS;
  if (appPermissions !== undefined) payload.app_permissions = appPermissions;
  return payload;
}

describe('Discord: /vmvc tips', () => {
  let bot: BotHarness;
  let temp: TempStore;
  beforeAll(async () => {
    temp = openTempStore();
    bot = await startBotAgainstFake({ logLevel: 'silent', tips: { store: temp.store, defaultTimezone: 'Europe/Berlin' } });
  });
  afterAll(async () => {
    await bot?.close();
    temp.remove();
  });

  async function run(payload: ReturnType<typeof tipsCommand>): Promise<string> {
    bot.fake.dispatch('INTERACTION_CREATE', payload);
    const body = (await bot.fake.waitForCallback(payload.id)).body as { type: number; data?: { content?: string; flags?: number } };
    expect((body.data?.flags ?? 0) & 64).toBe(64);
    if (body.type === 5) {
      const edit = await bot.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/tok-${payload.id}/messages/@original`));
      return (edit.body as { content: string }).content;
    }
    return body.data?.content ?? '';
  }

  it('a member without Manage Channels is refused and told who can; status is for everyone', async () => {
    expect(await run(tipsCommand('here', [], false))).toMatch(/^You are not allowed to change daily tips here: only members with the \*\*Manage Channels\*\* permission can/);
    expect(await run(tipsCommand('status', [], false))).toMatch(/^Daily tips are off in this channel/);
  });

  it('says which of its permissions the bot lacks in the channel, and subscribes nothing', async () => {
    const viewOnly = String(1n << 10n); // View Channel only
    expect(await run(tipsCommand('here', [], true, viewOnly))).toMatch(/^I cannot post tips in this channel: I am missing \*\*Send Messages\*\*, \*\*Embed Links\*\* here\./);
    expect(await temp.store.tipSubscription('discord', CHANNEL)).toBeUndefined();
  });

  it('subscribes with options (TIP_TIMEZONE when none is given), refuses a bad time, posts today\'s tip once, and turns off', async () => {
    expect(await run(tipsCommand('here', [{ name: 'time', type: 3, value: '25:00' }], true))).toBe('"25:00" is not a time: use HH:MM on a 24-hour clock, e.g. 09:00 or 16:30.');
    const yes = await run(tipsCommand('here', [{ name: 'time', type: 3, value: '08:30' }, { name: 'days', type: 3, value: 'daily' }], true));
    expect(yes).toMatch(/^Daily tips are on in this channel: 08:30 daily \(Europe\/Berlin, the bot's default time zone; name another to change it\)\. Next tip: /);
    expect(await temp.store.tipSubscription('discord', CHANNEL)).toMatchObject({ schedule: '30 8 * * *', timezone: 'Europe/Berlin' });
    expect(await run(tipsCommand('next', [], true))).toMatch(/^Posted tip #\d+ here; it counts as today's tip\./);
    expect(await run(tipsCommand('next', [], true))).toMatch(/^Today's tip is already posted here/);
    expect(bot.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL}/messages`)).toHaveLength(1);
    expect(await run(tipsCommand('status', [], false))).toMatch(/^Daily tips are on in this channel: 08:30 daily \(Europe\/Berlin\)\. Next tip: .+ Last tip: #\d+/);
    expect(await run(tipsCommand('off', [], true))).toBe('Daily tips are off in this channel. `/vmvc tips here` starts them again.');
    expect(await temp.store.tipSubscription('discord', CHANNEL)).toBeUndefined();
  });
});
