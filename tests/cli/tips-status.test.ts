import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/adapters/cli/run-cli.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { openStore } from '../../src/store/open-store.js';
import { cliIo } from '../fixtures/store/cli-io.js';
import { tempDir } from '../tips/support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const knowledge = loadKnowledge();
const [t1, t2, t3] = knowledge.tips as [(typeof knowledge.tips)[0], (typeof knowledge.tips)[0], (typeof knowledge.tips)[0]];
const DISCORD_CHANNEL = '123456789012345678';

function env(dir: string): Record<string, string> {
  return {
    DATA_DIR: dir,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_TIP_CHANNELS: 'C0TIPS01,C0NEVER1',
    DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789AB',
    DISCORD_TIP_CHANNELS: DISCORD_CHANNEL,
    TIP_SCHEDULE: '0 9 * * 1-5',
    TIP_TIMEZONE: 'Europe/Berlin',
  };
}

function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('vmvc tips status', () => {
  it("shows each channel's next tip and last post, including an unconfirmed claim", async () => {
    const dir = dataDir();
    const store = openStore({ dataDir: dir });
    const posted = { platform: 'slack' as const, channelId: 'C0TIPS01', slotKey: '2025-06-02T07:00:00.000Z' };
    await store.claimTipSlot(posted, t1.id, new Date('2025-06-02T07:00:00Z'), { remaining: [t2.id, t3.id], shown: [t1.id], last: t1.id, cycle: 1 });
    await store.markTipDone(posted, '1700000000.000100', 1, new Date('2025-06-02T07:00:01Z'));
    const stuck = { platform: 'discord' as const, channelId: DISCORD_CHANNEL, slotKey: '2025-06-03T07:00:00.000Z' };
    await store.claimTipSlot(stuck, t3.id, new Date('2025-06-03T07:00:00Z'), { remaining: [t1.id], shown: [t3.id], last: t3.id, cycle: 4 });
    await store.close();

    const { io, out, err } = cliIo(env(dir));
    expect(await runCli(['tips', 'status'], io)).toBe(0);
    expect(err()).toBe('');
    const text = out();
    // The environment's channels were imported into the store once, with TIP_SCHEDULE and TIP_TIMEZONE.
    expect(text).toMatch(/^3 channels subscribed \(0 paused\)/);
    expect(text).toContain('  schedule: 09:00 on weekdays in Europe/Berlin');
    expect(text).toMatch(/  next post: \w{3} \d{1,2} \w{3}, 09:00 \(Europe\/Berlin\)/);
    const section = (head: string) => text.slice(text.indexOf(head)).split('\n\n')[0] ?? '';
    const slack = section('slack C0TIPS01');
    expect(slack).toContain('cycle 1: 1 of 3 shown');
    expect(slack).toContain(`next: tip #${t2.id}:`);
    expect(slack).toContain(`last: tip #${t1.id} posted 2025-06-02 07:00:01 UTC (slot 2025-06-02T07:00:00.000Z, message 1700000000.000100)`);
    const never = section('slack C0NEVER1');
    expect(never).toContain('next: a random tip');
    expect(never).toContain('last: never');
    const discord = section(`discord ${DISCORD_CHANNEL}`);
    expect(discord).toContain(`next: tip #${t1.id}:`);
    expect(discord).toContain(`last: tip #${t3.id} UNCONFIRMED: claimed 2025-06-03 07:00:00 UTC`);
    expect(discord).toContain('not re-sent');
  });

  it('shows a failed post with its error', async () => {
    const dir = dataDir();
    const store = openStore({ dataDir: dir });
    const slot = { platform: 'slack' as const, channelId: 'C0TIPS01', slotKey: 'manual:2025-06-02T10:00:00.000Z' };
    await store.claimTipSlot(slot, t2.id, new Date('2025-06-02T10:00:00Z'));
    await store.markTipFailed(slot, 'channel_not_found: no such channel', 1, new Date('2025-06-02T10:00:02Z'));
    await store.close();
    const { io, out } = cliIo(env(dir));
    expect(await runCli(['tips', 'status'], io)).toBe(0);
    expect(out()).toContain(`last: tip #${t2.id} FAILED 2025-06-02 10:00:02 UTC after 1 attempt (manual): channel_not_found: no such channel`);
  });

  it('says how to subscribe a channel when none is', async () => {
    const { io, out } = cliIo({ DATA_DIR: dataDir() });
    expect(await runCli(['tips', 'status'], io)).toBe(0);
    expect(out()).toContain('No channel gets daily tips: run `/vmvc tips here` in a channel');
  });

  it('shows a paused channel as paused, with why and how to resume, and no next post', async () => {
    const dir = dataDir();
    const store = openStore({ dataDir: dir });
    await store.saveTipSubscription({ platform: 'slack', channelId: 'C0SF0001', schedule: '30 16 * * *', timezone: 'America/Los_Angeles' }, undefined, new Date('2025-06-01T00:00:00Z'));
    await store.pauseTipSubscription('slack', 'C0SF0001', 'not_in_channel: removed', new Date('2025-06-02T23:30:00Z'));
    await store.close();
    const { io, out } = cliIo({ DATA_DIR: dir });
    expect(await runCli(['tips', 'status'], io)).toBe(0);
    const text = out();
    expect(text).toContain('1 channel subscribed (1 paused)');
    expect(text).toContain('  schedule: 16:30 daily in America/Los_Angeles');
    expect(text).toContain('  PAUSED since 2025-06-02 23:30:00 UTC: not_in_channel: removed (`/vmvc tips here` in the channel resumes it)');
    expect(text).not.toContain('next post:');
  });

  it('needs the status subcommand', async () => {
    const { io, err } = cliIo({ DATA_DIR: dataDir() });
    expect(await runCli(['tips'], io)).toBe(2);
    expect(err()).toContain('vmvc tips status');
  });
});
