import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HELP_CHANNEL_PERMISSION_NAMES,
  HELP_CHANNEL_PERMISSIONS,
  HELP_CHANNEL_PERMISSIONS_INTEGER,
  REQUIRED_PERMISSION_NAMES,
  REQUIRED_PERMISSIONS,
  REQUIRED_PERMISSIONS_INTEGER,
} from '../../../src/adapters/discord/permissions.js';
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
/** The README from a heading to the next one. */
const inSection = (heading: string) => README.slice(README.indexOf(heading), README.indexOf('\n#', README.indexOf(heading) + heading.length));
/** The `permissions=` values of the invite URLs in `text`. */
const grantedIn = (text: string) => [...text.matchAll(/discord\.com\/oauth2\/authorize\?[^\s`]*permissions=(\d+)/g)].map((m) => m[1]);

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

  it("the README's invite URL grants exactly the list (outside the help-channel part), and its advice names the same four", () => {
    expect(REQUIRED_PERMISSIONS.map((p) => p.name)).toEqual(['View Channel', 'Send Messages', 'Embed Links', 'Read Message History']);
    // The invite section grants the base list; only the help-channel section adds the thread permissions.
    const help = inSection('### Help channels');
    for (const value of grantedIn(README.replace(help, ''))) expect(value).toBe(REQUIRED_PERMISSIONS_INTEGER);
    expect(grantedIn(inSection('### 2. Invite the bot'))).toEqual([REQUIRED_PERMISSIONS_INTEGER]);
    const tipsAdvice = README.split('\n').find((l) => l.startsWith("- **Tips don't post**"));
    expect(tipsAdvice).toContain(REQUIRED_PERMISSION_NAMES);
    const tipChannels = README.split('\n').find((l) => l.startsWith('| `DISCORD_TIP_CHANNELS` | (none)'));
    expect(tipChannels).toContain(REQUIRED_PERMISSION_NAMES);
  });

  it("help channels add exactly Create Public Threads and Send Messages in Threads, and the README's help-channel part says so with its own invite URL", () => {
    expect(HELP_CHANNEL_PERMISSIONS.map((p) => p.name)).toEqual(['Create Public Threads', 'Send Messages in Threads']);
    const base = BigInt(REQUIRED_PERMISSIONS_INTEGER);
    const help = BigInt(HELP_CHANNEL_PERMISSIONS_INTEGER);
    expect(help & base).toBe(base);
    expect(help ^ base).toBe(HELP_CHANNEL_PERMISSIONS.reduce((sum, p) => sum | p.flag, 0n));
    const section = inSection('### Help channels');
    expect(section).toContain(HELP_CHANNEL_PERMISSION_NAMES);
    expect(grantedIn(section)).toEqual([HELP_CHANNEL_PERMISSIONS_INTEGER]);
  });
});
