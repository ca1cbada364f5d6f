import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/run-cli-async.js';
import { FakePlatforms } from '../tips/fake-platforms.js';
import { tempDir } from '../tips/support.js';

const fake = new FakePlatforms();
const data = tempDir();
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  data.cleanup();
});

// A function: the fake's port is known only once it has started.
const env = () => ({
  DATA_DIR: data.dir,
  LOG_LEVEL: 'silent',
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_APP_TOKEN: 'xapp-test-token',
  SLACK_API_URL: fake.slackApiUrl,
  SLACK_TIP_CHANNELS: 'C0FAIL01',
});

describe('vmvc tips status after a failed post (CLI child processes)', () => {
  it('does not count the failed tip as shown, now or after the next post, and keeps it in the cycle', async () => {
    // A refusal that is not "the bot was removed" (that one pauses the channel: see below).
    fake.script('slack:C0FAIL01', { status: 200, body: { ok: false, error: 'restricted_action' } });
    const failed = await runCliAsync(['tip', '--post'], { env: env() });
    expect(failed.status).toBe(1);
    const failedTip = /slack C0FAIL01: FAILED tip #(\d+)/.exec(failed.stdout)?.[1];
    expect(failedTip).toBeDefined();

    const afterFailure = await runCliAsync(['tips', 'status'], { env: env() });
    expect(afterFailure.status).toBe(0);
    expect(afterFailure.stdout).toMatch(/slack C0FAIL01, cycle 1: 0 of \d+ shown\n/);

    // The next post succeeds; the earlier failure must still not count as shown.
    const posted = await runCliAsync(['tip', '--post'], { env: env() });
    expect(posted.status).toBe(0);
    const afterSuccess = await runCliAsync(['tips', 'status'], { env: env() });
    expect(afterSuccess.stdout).toMatch(/slack C0FAIL01, cycle 1: 1 of \d+ shown\n/);
    expect(posted.stdout).not.toContain(`tip #${failedTip} `); // never back to back
  });

  it('a channel the bot was removed from is paused by vmvc tip --post, and tips status says so', async () => {
    const removed = { ...env(), SLACK_TIP_CHANNELS: 'C0GONE01', DATA_DIR: `${data.dir}/gone` };
    fake.script('slack:C0GONE01', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const failed = await runCliAsync(['tip', '--post'], { env: removed });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/paused: the bot is no longer in C0GONE01/);
    const status = await runCliAsync(['tips', 'status'], { env: removed });
    expect(status.stdout).toMatch(/PAUSED/);
    const again = await runCliAsync(['tip', '--post'], { env: removed });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/no channel gets tips/);
  });
});
