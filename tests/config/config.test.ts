import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, describeAdapters, envSchema, parseConfig } from '../../src/config.js';
import { ROOT } from '../helpers/run-node.js';

const SLACK_SECRET = 'a'.repeat(32);
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789';

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('with no tokens selects the console and applies defaults', () => {
    const config = parseConfig({});
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
    expect(describeAdapters(config)).toEqual(['console']);
    expect(config.tips).toEqual({ schedule: '0 9 * * 1-5', timezone: 'UTC' });
    expect(config.dataDir).toBe('./data');
    expect(config.storeQuestions).toBe(true);
    expect(config.repeatCooldownSeconds).toBe(120);
    expect(config.logLevel).toBe('info');
  });

  it('treats empty strings from a copied .env.example as unset', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', DISCORD_TOKEN: '', PORT: '', SLACK_TIP_CHANNELS: '' });
    expect(describeAdapters(config)).toEqual(['console']);
  });

  it('selects Slack Socket Mode when the app token is set', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xapp-1-A1-abc' });
    expect(config.slack?.mode).toBe('socket');
    expect(describeAdapters(config)).toEqual(['slack (Socket Mode)']);
  });

  it('selects Slack HTTP mode with a signing secret and port', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: SLACK_SECRET, PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9999/api/' });
    expect(config.slack).toMatchObject({ mode: 'http', port: 8080, signingSecret: SLACK_SECRET, apiUrl: 'http://127.0.0.1:9999/api/' });
  });

  it('enables Discord and Slack together', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DISCORD_TOKEN, DISCORD_GUILD_ID: '123456789012345678' });
    expect(describeAdapters(config)).toEqual(['slack (Socket Mode)', 'discord']);
    expect(config.discord).toMatchObject({ token: DISCORD_TOKEN, guildId: '123456789012345678' });
  });

  it('lists every bad variable in one error, each with what it expects', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_APP_TOKEN: 'abc',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      TIP_TIMEZONE: 'Mars/Olympus',
      TIP_SCHEDULE: 'every day',
      STORE_QUESTIONS: 'maybe',
      DISCORD_TOKEN: 'not a token',
      DISCORD_GUILD_ID: 'general',
    });
    const text = problems.join('\n');
    expect(text).toContain('SLACK_BOT_TOKEN must start with xoxb-');
    expect(text).toContain('SLACK_APP_TOKEN must start with xapp-');
    expect(text).toContain('PORT must be a whole number from 1 to 65535');
    expect(text).toMatch(/LOG_LEVEL must be one of/);
    expect(text).toMatch(/TIP_TIMEZONE must be an IANA time zone/);
    expect(text).toMatch(/TIP_SCHEDULE must be a cron expression/);
    expect(text).toContain('STORE_QUESTIONS must be true or false');
    expect(text).toMatch(/DISCORD_TOKEN must be a bot token/);
    expect(text).toMatch(/DISCORD_GUILD_ID must be a Discord id/);
  });

  it('ConfigError message is one block naming every problem, no stack', () => {
    try {
      parseConfig({ PORT: '0', SLACK_BOT_TOKEN: 'nope' });
      expect.unreachable();
    } catch (err) {
      const message = (err as Error).message;
      expect(message.split('\n')[0]).toMatch(/^Configuration problems/);
      expect(message).toContain('PORT');
      expect(message).toContain('SLACK_BOT_TOKEN');
      expect(message).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('requires a way in for Slack: a bot token needs the app token or signing secret, and vice versa', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' }).join('\n')).toMatch(/SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is required/);
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1' }).join('\n')).toMatch(/SLACK_BOT_TOKEN is required/);
  });

  it('accepts a seconds field in the tip schedule and validates tip channels', () => {
    expect(parseConfig({ TIP_SCHEDULE: '*/10 * * * * *', TIP_TIMEZONE: 'Europe/Berlin' }).tips).toEqual({ schedule: '*/10 * * * * *', timezone: 'Europe/Berlin' });
    expect(problemsOf({ SLACK_TIP_CHANNELS: 'C0123ABCD' }).join('\n')).toMatch(/SLACK_TIP_CHANNELS needs Slack/);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_TIP_CHANNELS: '#general' }).join('\n')).toMatch(/Slack channel ids/);
    const ok = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_TIP_CHANNELS: 'C0123ABCD, C0456EFGH' });
    expect(ok.slack?.tipChannels).toEqual(['C0123ABCD', 'C0456EFGH']);
  });
});

describe('HTTP listener and Discord HTTP interactions settings', () => {
  const KEY = 'ab'.repeat(32);

  it('defaults HOST to 0.0.0.0, PORT to 3000 and leaves HEALTH_PORT off', () => {
    expect(parseConfig({}).http).toEqual({ host: '0.0.0.0', port: 3000 });
  });

  it('reads HOST, HEALTH_PORT and DISCORD_PUBLIC_KEY, and names the Discord mode', () => {
    const config = parseConfig({ HOST: '127.0.0.1', HEALTH_PORT: '9090', DISCORD_TOKEN, DISCORD_PUBLIC_KEY: KEY.toUpperCase(), PORT: '8080' });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080, healthPort: 9090 });
    expect(config.discord?.publicKey).toBe(KEY);
    expect(describeAdapters(config)).toEqual(['discord (HTTP interactions on port 8080)']);
  });

  it('rejects a malformed public key, a bad HEALTH_PORT or HOST, and a public key without a bot token', () => {
    expect(problemsOf({ DISCORD_TOKEN, DISCORD_PUBLIC_KEY: 'xyz' })).toEqual(['DISCORD_PUBLIC_KEY must be the Public Key from General Information (64 hexadecimal characters)']);
    expect(problemsOf({ HEALTH_PORT: '70000' })).toEqual(['HEALTH_PORT must be a whole number from 1 to 65535']);
    expect(problemsOf({ HOST: 'two words' })).toEqual(['HOST must be an interface address or host name, e.g. 0.0.0.0, 127.0.0.1 or ::']);
    expect(problemsOf({ DISCORD_PUBLIC_KEY: KEY })).toEqual([
      'DISCORD_PUBLIC_KEY needs Discord to be configured (DISCORD_TOKEN: replies to messages, tips and help channels post with the bot token)',
    ]);
  });

  it('.env.example lists exactly the variables the schema reads', () => {
    const example = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    const listed = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(Object.keys(envSchema.shape).sort());
  });
});
