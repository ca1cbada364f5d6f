import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { StartupError } from '../../../src/adapters/adapter.js';
import { startFakeDiscord, type FakeDiscord } from '../../fixtures/discord/fake-discord.js';
import { FAKE_TOKEN, startBotAgainstFake, type BotHarness } from '../../fixtures/discord/start-bot.js';
import { FakeSlackApi } from '../../fixtures/slack/fake-slack-api.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../../fixtures/slack/signed-request.js';
import { cleanEnv, MAIN, spawn } from '../../helpers/run-node.js';
import { freePort } from '../../helpers/built-bot.js';

/**
 * Close codes after which Discord will not take the session back (4004: the
 * token was reset or revoked while the bot ran; 4010-4014: shard or intents).
 * discord.js gives up on them, so the bot has to say so instead of idling deaf.
 */

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

const temps: string[] = [];
// afterAll, not afterEach: a bot still shutting down when its test ends may yet write to its folder.
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `npm start` as a child process, its JSON log lines as they arrive, and its exit. */
function startMain(env: Record<string, string>) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-fatal-close-'));
  temps.push(cwd);
  const child = spawn(process.execPath, [MAIN], { cwd, env: cleanEnv({ DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'info', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  /** The first log line matching `predicate`; rejects if the bot exits first. */
  async function logLine(predicate: (line: LogLine) => boolean): Promise<LogLine> {
    for (;;) {
      const next = await lines.next();
      if (next.done) throw new Error(`the bot exited before the expected log line; stderr: ${stderr}`);
      const line = JSON.parse(next.value) as LogLine;
      if (predicate(line)) return line;
    }
  }
  /** Every log line still to come, once the bot has exited. */
  async function remainingLines(): Promise<LogLine[]> {
    const rest: LogLine[] = [];
    for (let next = await lines.next(); !next.done; next = await lines.next()) rest.push(JSON.parse(next.value) as LogLine);
    return rest;
  }
  return { child, exited, logLine, remainingLines };
}


describe('a fatal gateway close while running (the built bot)', () => {
  let fake: FakeDiscord | undefined;
  let slack: FakeSlackApi | undefined;
  afterEach(async () => {
    await fake?.close();
    await slack?.stop();
    fake = undefined;
    slack = undefined;
  });

  it('Discord only: one line naming the revoked token on stderr, and exit 1 so a supervisor restarts it', async () => {
    fake = await startFakeDiscord();
    const bot = startMain({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_API_URL: fake.apiUrl });
    await bot.logLine((l) => l.msg === 'Discord bot connected');
    fake.dropConnections(4004);
    const { code, stderr } = await bot.exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/^vmvc: Discord closed the connection: authentication failed \(4004\): DISCORD_TOKEN was reset or revoked[^\n]*\n$/);
    expect(stderr).not.toContain(FAKE_TOKEN);
  });

  it('with Slack too: Discord is logged as down in one line, and Slack keeps answering', async () => {
    fake = await startFakeDiscord();
    slack = await new FakeSlackApi().start();
    const port = await freePort();
    const bot = startMain({
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: 'xoxb-test-0000-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
    });
    try {
      await bot.logLine((l) => l.msg.startsWith('vmvc is running'));
      fake.dropConnections(4004);
      // The first line about the close is the verdict: an error marking Discord down, not a "reconnecting" warning.
      const line = await bot.logLine((l) => l.code === 4004 || l.msg.includes('4004'));
      expect(line.level).toBe(50);
      expect(line).toMatchObject({ adapter: 'discord', status: 'down', alive: ['slack'] });
      expect(line.msg).toMatch(/^discord adapter is down \(slack still running\): Discord closed the connection: authentication failed \(4004\)/);
      const res = await sendSlashCommand(`http://127.0.0.1:${port}`, { text: 'why-lighter' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Why are containers lighter');
    } finally {
      bot.child.kill('SIGTERM');
    }
    expect((await bot.exited).code).toBe(0);
    // discord.js also reports the close as a shard error ("Authentication failed"); that must not add a second line.
    expect((await bot.remainingLines()).filter((l) => /4004|authentication failed|reconnect/i.test(l.msg))).toEqual([]);
  });
});

describe('each fatal close code (the adapter against the fake gateway)', () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it.each([
    [4010, /invalid shard \(4010\)/],
    [4011, /sharding required \(4011\)/],
    [4012, /invalid API version \(4012\): upgrade vmvc/],
    [4013, /invalid intents \(4013\)/],
    [4014, /disallowed intents \(4014\): .*privileged intent/],
  ])('close %i reports the adapter down with its cause', async (code, cause) => {
    bot = await startBotAgainstFake({ logLevel: 'info' });
    bot.fake.dropConnections(code);
    const down = await bot.down;
    expect(down.platform).toBe('discord');
    expect(down.reason).toMatch(cause);
    expect(down.reason).toMatch(/^Discord closed the connection: /);
  });

  it('a 4004 at IDENTIFY during start-up is one StartupError line naming the token', async () => {
    const started = startBotAgainstFake({ fake: { closeOnIdentify: 4004 } });
    await expect(started).rejects.toBeInstanceOf(StartupError);
    await expect(started).rejects.toThrow(/^Discord closed the connection: authentication failed \(4004\): DISCORD_TOKEN was reset or revoked[^\n]*$/);
  });
});
