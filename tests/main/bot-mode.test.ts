import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { startFakeDiscord } from '../fixtures/discord/fake-discord.js';
import { askCommand } from '../fixtures/discord/interactions.js';
import { FAKE_TOKEN } from '../fixtures/discord/start-bot.js';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { cleanEnv, MAIN, spawn } from '../helpers/run-node.js';
import { freePort } from '../helpers/built-bot.js';

/**
 * Bot mode as an operator runs it: the built entry (`npm start`) with Slack in
 * HTTP mode, Discord and a tip channel on each, every one pointed at the local
 * fakes. One question answered on each platform, one tip posted to each tip
 * channel, then SIGTERM and a clean exit 0.
 */

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

const SLACK_TIP_CHANNEL = 'C0BOTTIPS1';
const DISCORD_TIP_CHANNEL = '888888888888888888';


const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('bot mode (the built entry with Slack, Discord and tips against the fakes)', () => {
  it('answers on Slack and Discord, posts a tip to each tip channel, and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
    const slack = await new FakeSlackApi().start();
    cleanups.push(() => slack.stop());
    const discord = await startFakeDiscord();
    cleanups.push(() => discord.close());
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-bot-mode-'));
    cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
    const port = await freePort();

    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: cleanEnv({
        SLACK_BOT_TOKEN: 'xoxb-test-0000-token',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_TIP_CHANNELS: SLACK_TIP_CHANNEL,
        DISCORD_TIP_CHANNELS: DISCORD_TIP_CHANNEL,
        // Every second (the optional seconds field), so the first slot comes while the test waits.
        TIP_SCHEDULE: '* * * * * *',
        DATA_DIR: path.join(cwd, 'data'),
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Registered last, so it runs first: a failed assertion never leaves the bot running.
    cleanups.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    const logs: LogLine[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => logs.push(JSON.parse(line) as LogLine));

    const running = new Promise<LogLine>((resolve, reject) => {
      const poll = setInterval(() => {
        const line = logs.find((l) => l.msg.startsWith('vmvc is running'));
        if (line) {
          clearInterval(poll);
          resolve(line);
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`the bot exited (${child.exitCode}) before it was running; stderr: ${stderr}`));
        }
      }, 20);
    });
    const ready = await running;
    expect(ready.msg).toMatch(/^vmvc is running: slack\b.*, discord; daily tips to 2 channel\(s\)/);

    // One answer on each platform, through the real listeners.
    const res = await sendSlashCommand(`http://127.0.0.1:${port}`, { text: 'why-lighter' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Why are containers lighter');
    const interaction = askCommand('why are containers lighter than VMs?');
    discord.dispatch('INTERACTION_CREATE', interaction);
    const callback = await discord.waitForCallback(interaction.id, 10_000);
    expect(JSON.stringify(callback.body)).toContain('Why are containers lighter');

    // One tip to each tip channel, posted by the scheduler on its own.
    const tipOpenings = loadKnowledge().tips.map((t) => t.text.slice(0, 30));
    const slackTip = await slack.waitFor('chat.postMessage', (c) => c.body['channel'] === SLACK_TIP_CHANNEL, 10_000);
    expect(tipOpenings.some((t) => String(slackTip.body['text']).includes(t))).toBe(true);
    const discordTip = await discord.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${DISCORD_TIP_CHANNEL}/messages`, 10_000);
    const discordBody = discordTip.body as { embeds: { description?: string }[]; allowed_mentions: unknown };
    expect(tipOpenings.some((t) => discordBody.embeds[0]?.description?.includes(t))).toBe(true);
    expect(discordBody.allowed_mentions).toEqual({ parse: [] });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(logs.some((l) => l.msg === 'shutting down' && l['signal'] === 'SIGTERM')).toBe(true);
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
