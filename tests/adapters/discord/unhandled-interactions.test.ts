import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askCommand,
  commandNamed,
  contextMenuCommand,
  modalSubmit,
  selectMenuPick,
  slashCommand,
} from '../../fixtures/discord/interactions.js';
import { startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';

/**
 * Interactions the bot has no handler for must still get an answer within
 * Discord's 3 s, or the member sees "The application did not respond". Each
 * gets a short private reply and exactly one log line.
 */
interface CallbackBody {
  type: number;
  data: { content?: string; flags?: number; embeds?: unknown[]; allowed_mentions?: unknown };
}

const EPHEMERAL = 64;
let bot: BotHarness;

beforeAll(async () => {
  bot = await startBotAgainstFake();
});

afterAll(async () => {
  await bot?.close();
});

async function send(payload: { id: string }): Promise<CallbackBody> {
  bot.fake.dispatch('INTERACTION_CREATE', payload);
  const request = await bot.fake.waitForCallback(payload.id);
  return request.body as CallbackBody;
}

/** Log lines at warn or above about one interaction. */
const loudLinesAbout = (id: string) => bot.logs.filter((l) => l.level >= 40 && l.interactionId === id);

describe('interactions the bot does not handle', () => {
  it.each([
    ['/vmvc ask without its required question', () => slashCommand('ask'), 'bad-options', /without the options I expect/],
    [
      '/vmvc ask with question of the wrong type',
      () => slashCommand('ask', { options: [{ name: 'question', type: 4, value: 3 }] }),
      'bad-options',
      /without the options I expect/,
    ],
    [
      '/vmvc ask with private of the wrong type',
      () => askCommand('why-lighter', { options: [{ name: 'private', type: 3, value: 'yes' }] }),
      'bad-options',
      /without the options I expect/,
    ],
    ['a command that is not /vmvc (a stale registration)', () => commandNamed('containers'), 'unknown-command', /isn't one of mine any more; use `\/vmvc`/],
    ['a user context-menu command', () => contextMenuCommand('Explain to user', 'user'), 'context-menu', /use `\/vmvc ask`/],
    ['a message context-menu command', () => contextMenuCommand('Answer this', 'message'), 'context-menu', /use `\/vmvc ask`/],
    ['a modal it never opened', () => modalSubmit('vmvc:ask-form'), 'modal', /form isn't one of mine/],
    ['a select menu it never sent', () => selectMenuPick('topic-picker', ['why-lighter']), 'component', /no longer does anything/],
  ] as const)('%s: a short ephemeral reply and one log line', async (_name, build, kind, text) => {
    const payload = build();
    const body = await send(payload);
    expect(body.type).toBe(4);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.content).toMatch(text);
    expect(body.data.embeds ?? []).toEqual([]);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    const lines = loudLinesAbout(payload.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, unhandled: kind });
    // The operator is told how to clear a stale registration; the member's text never reaches the log.
    if (kind !== 'modal' && kind !== 'component') expect(lines[0]?.msg).toContain('npm run discord:register');
    expect(JSON.stringify(lines[0])).not.toContain('what is a hypervisor');
  });

  it('a well-formed /vmvc ask is still answered as before, with no warning', async () => {
    const payload = askCommand('why-lighter', { channelId: '444444444444444777' });
    const body = await send(payload);
    expect(body.data.embeds).toHaveLength(1);
    expect(loudLinesAbout(payload.id)).toEqual([]);
  });
});
