import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_PERMISSION_NAMES, REQUIRED_PERMISSIONS, REQUIRED_PERMISSIONS_INTEGER } from '../../../src/adapters/discord/permissions.js';
import { runCliAsync } from '../../helpers/run-cli-async.js';
import { ROOT } from '../../helpers/run-node.js';
import { FakePlatforms } from '../../tips/fake-platforms.js';
import { tempDir } from '../../tips/support.js';

const fake = new FakePlatforms();
const data = tempDir();
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  data.cleanup();
});

const CHANNEL = '123456789012345678';
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('Discord permissions: one list, in the errors, the invite URL and the README', () => {
  it.each([
    [50013, 'Missing Permissions'],
    [50001, 'Missing Access'],
  ])('a tip post refused with %i names the whole list (vmvc tip --post, child process)', async (code, message) => {
    fake.script(`discord:${CHANNEL}`, { status: 403, body: { code, message } });
    const r = await runCliAsync(['tip', '--post'], {
      env: {
        DATA_DIR: data.dir,
        LOG_LEVEL: 'silent',
        DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbcde.abcdefghijklmnopqrstuvwxyz0123456789AB',
        DISCORD_API_URL: fake.discordApiUrl,
        DISCORD_TIP_CHANNELS: CHANNEL,
      },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`discord ${CHANNEL}: FAILED`);
    expect(r.stdout).toContain(`needs ${REQUIRED_PERMISSION_NAMES}`);
  });

  it("the README's invite URL grants exactly the list, and its advice names the same four", () => {
    expect(REQUIRED_PERMISSIONS.map((p) => p.name)).toEqual(['View Channel', 'Send Messages', 'Embed Links', 'Read Message History']);
    const granted = [...README.matchAll(/discord\.com\/oauth2\/authorize\?[^\s`]*permissions=(\d+)/g)].map((m) => m[1]);
    expect(granted.length).toBeGreaterThan(0);
    for (const value of granted) expect(value).toBe(REQUIRED_PERMISSIONS_INTEGER);
    const tipsAdvice = README.split('\n').find((l) => l.startsWith("- **Tips don't post**"));
    expect(tipsAdvice).toContain(REQUIRED_PERMISSION_NAMES);
    const tipChannels = README.split('\n').find((l) => l.startsWith('| `DISCORD_TIP_CHANNELS` | (none)'));
    expect(tipChannels).toContain(REQUIRED_PERMISSION_NAMES);
  });
});
