import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/adapters/cli/run-cli.js';
import { openStore } from '../../src/store/open-store.js';
import { cliIo } from '../fixtures/store/cli-io.js';
import { FakePlatforms } from './fake-platforms.js';
import { tempDir } from './support.js';

const fake = new FakePlatforms();
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const DISCORD_CHANNEL = '123456789012345678';

function env(dir: string, slackChannels = 'C0TIPS01'): Record<string, string> {
  return {
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_API_URL: fake.slackApiUrl,
    SLACK_TIP_CHANNELS: slackChannels,
    DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789AB',
    DISCORD_API_URL: fake.discordApiUrl,
    DISCORD_TIP_CHANNELS: DISCORD_CHANNEL,
  };
}

describe('vmvc tip --post', () => {
  it('posts the next tip to every tip channel through the rotation, twice in a row without repeating', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    for (let run = 0; run < 2; run++) {
      const { io, out, err } = cliIo(env(t.dir));
      expect(await runCli(['tip', '--post'], io)).toBe(0);
      expect(err()).toBe('');
      // One line per subscribed channel, in the store's order (platform, then channel).
      expect(out()).toMatch(/^discord 123456789012345678: posted tip #\d+ \(message \d+\)\nslack C0TIPS01: posted tip #\d+ \(message [\d.]+\)\n\nData folder: .+\n$/);
    }
    const slackPosts = fake.of('slack:C0TIPS01');
    const discordPosts = fake.of(`discord:${DISCORD_CHANNEL}`);
    expect(slackPosts).toHaveLength(2);
    expect(discordPosts).toHaveLength(2);
    expect(slackPosts[0]?.body.text).not.toEqual(slackPosts[1]?.body.text);
    expect(discordPosts.every((p) => JSON.stringify(p.body.allowed_mentions) === '{"parse":[]}')).toBe(true);

    const store = openStore({ dataDir: t.dir });
    cleanups.unshift(() => store.close());
    const last = await store.lastTipPost('slack', 'C0TIPS01');
    expect(last).toMatchObject({ status: 'done' });
    expect(last?.slotKey).toMatch(/^manual:\d{4}-/);
    expect((await store.rotationState('slack', 'C0TIPS01'))?.shown).toHaveLength(2);
  });

  it('exits 1 and names the channel when a post fails, while the others still post', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    fake.script('slack:C0GONE01', { status: 200, body: { ok: false, error: 'channel_not_found' } });
    const { io, out } = cliIo(env(t.dir, 'C0GONE01'));
    expect(await runCli(['tip', '--post'], io)).toBe(1);
    expect(out()).toMatch(/slack C0GONE01: FAILED tip #\d+ after 1 attempt: channel_not_found/);
    expect(out()).toMatch(/discord 123456789012345678: posted tip/);
  });

  it('without tip channels it is a configuration error (exit 1)', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const { io, err } = cliIo({ DATA_DIR: t.dir });
    expect(await runCli(['tip', '--post'], io)).toBe(1);
    expect(err()).toContain('no channel gets tips');
  });
});
