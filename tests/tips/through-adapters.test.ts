import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/open-store.js';
import type { TipChannel } from '../../src/tips/tip-scheduler.js';
import { slotScheduler } from './support.js';
import { startBotAgainstFake, type BotHarness } from '../fixtures/discord/start-bot.js';
import { startTestSlack, type TestSlack } from '../fixtures/slack/start-test-slack.js';

/**
 * Daily tips delivered by the running adapters (the same objects main.ts hands
 * the scheduler) to the local fakes of Slack's Web API and Discord's REST API.
 */
const SLACK_CHANNEL = 'C0TIPS0001';
const DISCORD_CHANNEL = '777777777777777777';
const channels: TipChannel[] = [
  { platform: 'slack', channelId: SLACK_CHANNEL },
  { platform: 'discord', channelId: DISCORD_CHANNEL },
];
const knowledge = loadKnowledge();
const silent = createLogger({ level: 'silent', destination: { write: () => undefined } });

let slack: TestSlack;
let discord: BotHarness;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'vmvc-tips-adapters-'));
  slack = await startTestSlack({ logLevel: 'silent' });
  discord = await startBotAgainstFake({ logLevel: 'silent' });
});

afterAll(async () => {
  await slack?.stop();
  await discord?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function schedulerOn(store: ReturnType<typeof openStore>) {
  return slotScheduler({
    store,
    posters: [slack.slack, discord.adapter],
    channels,
    schedule: '0 9 * * 1-5',
    timezone: 'UTC',
    knowledge,
    log: silent,
    random: () => 0.5,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
}

const slackTipPosts = () => slack.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === SLACK_CHANNEL);
const discordTipPosts = () => discord.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${DISCORD_CHANNEL}/messages`);

describe('tip posts through the real Slack and Discord adapters', () => {
  it('posts one tip card per channel per slot, and never again for that slot, even from a second bot copy', async () => {
    const store = openStore({ dataDir });
    const secondCopy = openStore({ dataDir }); // another process's connection to the same file
    const first = schedulerOn(store);
    const second = schedulerOn(secondCopy);
    const slot = new Date('2026-11-24T09:00:00Z');
    try {
      const [a, b] = await Promise.all([first.runSlot(slot), second.runSlot(slot)]);
      const posted = [...a, ...b].filter((r) => r.status === 'posted');
      expect(posted).toHaveLength(2);
      expect([...a, ...b].filter((r) => r.status === 'skipped')).toHaveLength(2);

      expect(slackTipPosts()).toHaveLength(1);
      const slackPost = slackTipPosts()[0]?.body as { text: string; blocks: { type: string; elements?: { action_id?: string }[] }[] };
      const tipId = posted.find((r) => r.slot.platform === 'slack' && r.status === 'posted');
      const tip = knowledge.tips.find((t) => tipId?.status === 'posted' && t.id === tipId.tipId);
      expect(tip).toBeDefined();
      expect(slackPost.text).toContain(tip?.text.slice(0, 40) ?? '');
      const learnMore = slackPost.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id);
      expect(learnMore).toContain(`vmvc:show:${tip?.faq}`);

      expect(discordTipPosts()).toHaveLength(1);
      const discordPost = discordTipPosts()[0]?.body as { embeds: { description: string }[]; allowed_mentions: { parse: string[] }; components: unknown[] };
      expect(discordPost.allowed_mentions).toEqual({ parse: [] });
      expect(discordPost.embeds[0]?.description.length).toBeGreaterThan(20);
      expect(discordPost.components.length).toBeGreaterThan(0);

      // A restart: a new scheduler on the reopened file sees the slot as done.
      const again = await schedulerOn(openStore({ dataDir })).runSlot(slot);
      expect(again.every((r) => r.status === 'skipped')).toBe(true);
      expect(slackTipPosts()).toHaveLength(1);
      expect(discordTipPosts()).toHaveLength(1);

      // The next slot posts the next tip, a different one.
      const next = await first.runSlot(new Date('2026-11-25T09:00:00Z'));
      const nextSlack = next.find((r) => r.slot.platform === 'slack');
      expect(nextSlack?.status).toBe('posted');
      expect(nextSlack?.status === 'posted' && nextSlack.tipId).not.toBe(tipId?.status === 'posted' && tipId.tipId);
      expect(slackTipPosts()).toHaveLength(2);
    } finally {
      await first.stop();
      await second.stop();
      store.close();
      secondCopy.close();
    }
  });

  it('a channel Slack does not know fails and is recorded, without holding up Discord', async () => {
    slack.fake.on('chat.postMessage', (call) => (call.body.channel === 'C0GONE0001' ? { body: { ok: false, error: 'channel_not_found' } } : undefined));
    const store = openStore({ dataDir });
    const scheduler = slotScheduler({
      store,
      posters: [slack.slack, discord.adapter],
      channels: [{ platform: 'slack', channelId: 'C0GONE0001' }, ...channels.slice(1)],
      schedule: '0 9 * * 1-5',
      timezone: 'UTC',
      knowledge,
      log: silent,
    });
    try {
      const results = await scheduler.runSlot(new Date('2026-11-26T09:00:00Z'));
      const gone = results.find((r) => r.slot.channelId === 'C0GONE0001');
      expect(gone?.status).toBe('failed');
      expect(gone?.status === 'failed' && gone.error).toMatch(/channel_not_found/);
      expect(results.find((r) => r.slot.channelId === DISCORD_CHANNEL)?.status).toBe('posted');
    } finally {
      await scheduler.stop();
      store.close();
    }
  });
});
