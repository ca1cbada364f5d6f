import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandDefinitions } from '../../../src/adapters/discord/commands.js';
import { createDiscordRest } from '../../../src/adapters/discord/create-discord-client.js';
import { runRegisterCli } from '../../../src/adapters/discord/register-cli.js';
import { registerCommands } from '../../../src/adapters/discord/register-commands.js';
import { parseConfig } from '../../../src/config.js';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import { FAKE_APPLICATION_ID, startFakeDiscord, type FakeDiscord } from '../../fixtures/discord/fake-discord.js';
import { FAKE_TOKEN } from '../../fixtures/discord/start-bot.js';

const knowledge = loadKnowledge();
const GUILD = '333333333333333333';
const REJECTED = 'MTIz.rejected.token';
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord({ rejectTokens: [REJECTED] });
});
afterAll(async () => {
  await fake?.close();
});

describe('the command definitions', () => {
  it('are /vmvc and the message command "Answer with vmvc", in that order', () => {
    expect(buildCommandDefinitions(knowledge).map((c) => [c.name, c.type])).toEqual([
      ['vmvc', ApplicationCommandType.ChatInput],
      ['Answer with vmvc', ApplicationCommandType.Message],
    ]);
  });

  it('"Answer with vmvc" is a bare message command: no description or options, a name Discord accepts for context menus', () => {
    const menu = buildCommandDefinitions(knowledge)[1];
    expect(menu).toEqual({ name: 'Answer with vmvc', type: ApplicationCommandType.Message });
    expect(menu?.name.length).toBeLessThanOrEqual(32);
  });
});

describe('the /vmvc command definition', () => {
  const vmvc = buildCommandDefinitions(knowledge).find((c) => c.name === 'vmvc') as RESTPostAPIChatInputApplicationCommandsJSONBody | undefined;
  const sub = (name: string) => vmvc?.options?.find((o) => o.name === name) as { type: number; options?: Record<string, unknown>[] } | undefined;

  it('has the ask, compare, tip, topics, help and autoanswer subcommands and the tips group', () => {
    expect(vmvc?.name).toBe('vmvc');
    expect(vmvc?.options?.map((o) => [o.name, o.type])).toEqual([
      ...['ask', 'compare', 'tip', 'topics', 'help', 'autoanswer'].map((n) => [n, ApplicationCommandOptionType.Subcommand]),
      ['tips', ApplicationCommandOptionType.SubcommandGroup],
    ]);
    const tips = vmvc?.options?.find((o) => o.name === 'tips') as { options?: { name: string; type: number }[] } | undefined;
    expect(tips?.options?.map((o) => [o.name, o.type])).toEqual(['here', 'off', 'status', 'next'].map((n) => [n, ApplicationCommandOptionType.Subcommand]));
  });

  it('ask takes a required autocompleted question, an optional target user and an optional private flag', () => {
    expect(sub('ask')?.options).toEqual([
      expect.objectContaining({ name: 'question', type: ApplicationCommandOptionType.String, required: true, autocomplete: true }),
      expect.objectContaining({ name: 'target', type: ApplicationCommandOptionType.User, required: false }),
      expect.objectContaining({ name: 'private', type: ApplicationCommandOptionType.Boolean, required: false }),
    ]);
  });

  it('compare offers the knowledge base dimensions as choices (at most 25)', () => {
    const [dimension] = sub('compare')?.options ?? [];
    expect(dimension).toMatchObject({ name: 'dimension', type: ApplicationCommandOptionType.String, required: false });
    const choices = dimension?.choices as { name: string; value: string }[];
    expect(choices).toEqual(knowledge.comparison.slice(0, 25).map((d) => ({ name: d.name, value: d.id })));
  });

  it('respects Discord naming rules (lowercase names, descriptions of 1-100 characters)', () => {
    const walk = (o: { name: string; description?: string; options?: unknown[] }): void => {
      expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(o.description?.length ?? 0).toBeGreaterThan(0);
      expect(o.description?.length ?? 0).toBeLessThanOrEqual(100);
      for (const child of (o.options ?? []) as (typeof o)[]) walk(child);
    };
    walk(vmvc as never);
  });
});

describe('registerCommands against the fake REST', () => {
  it('bulk-overwrites the guild commands when a guild id is given', async () => {
    const commands = buildCommandDefinitions(knowledge);
    const result = await registerCommands(createDiscordRest({ token: FAKE_TOKEN, apiUrl: fake.apiUrl }), { applicationId: FAKE_APPLICATION_ID, guildId: GUILD }, commands);
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${FAKE_APPLICATION_ID}/guilds/${GUILD}/commands`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(commands)));
    expect(put.authorization).toBe(`Bot ${FAKE_TOKEN}`);
    expect(result).toMatchObject({ scope: 'guild', names: ['vmvc', 'Answer with vmvc'] });
  });

  it('registers globally without a guild id', async () => {
    const commands = buildCommandDefinitions(knowledge);
    const result = await registerCommands(createDiscordRest({ token: FAKE_TOKEN, apiUrl: `${fake.apiUrl}/v10/` }), { applicationId: FAKE_APPLICATION_ID }, commands);
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${FAKE_APPLICATION_ID}/commands`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(commands)));
    expect(result.scope).toBe('global');
  });
});

describe('npm run discord:register (runRegisterCli)', () => {
  const run = async (env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRegisterCli(() => parseConfig(env), { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };

  it('registers in the guild and says so', async () => {
    const before = fake.requests.length;
    const { code, out, err } = await run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID, DISCORD_GUILD_ID: GUILD, DISCORD_API_URL: fake.apiUrl });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^Registered \/vmvc with subcommands ask, compare, tip, topics, help, autoanswer, tips and the message command "Answer with vmvc" in guild 333333333333333333/,
    );
    const put = fake.requests.slice(before).find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${FAKE_APPLICATION_ID}/guilds/${GUILD}/commands`);
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(buildCommandDefinitions(knowledge))));
  });

  it('needs DISCORD_TOKEN and DISCORD_APPLICATION_ID, each with a one-line explanation', async () => {
    const noToken = await run({});
    expect(noToken.code).toBe(1);
    expect(noToken.err).toHaveLength(1);
    expect(noToken.err[0]).toMatch(/^DISCORD_TOKEN is not set/);
    const noApp = await run({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl });
    expect(noApp.code).toBe(1);
    expect(noApp.err[0]).toMatch(/^DISCORD_APPLICATION_ID is not set/);
    expect(noApp.err[0]).not.toContain('\n');
  });

  it('explains a rejected token in one line', async () => {
    const { code, err } = await run({ DISCORD_TOKEN: REJECTED, DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID, DISCORD_API_URL: fake.apiUrl });
    expect(code).toBe(1);
    expect(err).toEqual(['Discord rejected DISCORD_TOKEN: check the bot token on the Bot page of the Developer Portal']);
  });
});
