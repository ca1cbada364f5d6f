import { pathToFileURL } from 'node:url';
import { messageShortcutPayload, sendInteraction } from '../fixtures/slack/signed-request.js';
import { startTestSlack } from '../fixtures/slack/start-test-slack.js';

/**
 * "Answer with vmvc" latency over loopback: from sending a signed message
 * shortcut payload to the local Slack fake receiving the private answer
 * (chat.postEphemeral), through the real Bolt app in HTTP mode. 500 shortcuts,
 * one after another, each on its own message.
 */
const SHORTCUTS = 500;
const WARM_UP = 20;
const MESSAGES = [
  'why are containers so much lighter than VMs?',
  'for the interview tomorrow, what is a hypervisor in simple words?',
  'is docker a vm or not',
  'how do I delete docker images',
  'lunch at 12?',
];

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export async function runSlackShortcutBench(): Promise<void> {
  const t = await startTestSlack({ logLevel: 'info' });
  try {
    const once = async (i: number): Promise<number> => {
      const channel = `C0BENCH${i}`;
      const started = performance.now();
      const payload = messageShortcutPayload({ text: MESSAGES[i % MESSAGES.length] ?? '', author: 'U0ASKER', ts: `1700000000.${String(i).padStart(6, '0')}`, channelId: channel, responseUrl: t.fake.responseUrl(`bench-${i}`) });
      const res = await sendInteraction(t.baseUrl, payload);
      await res.text();
      await t.fake.waitFor('chat.postEphemeral', (c) => c.body['channel'] === channel);
      return performance.now() - started;
    };
    for (let i = 0; i < WARM_UP; i++) await once(i);
    const latencies: number[] = [];
    for (let i = WARM_UP; i < WARM_UP + SHORTCUTS; i++) latencies.push(await once(i));
    const sorted = [...latencies].sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(2);
    console.log(
      `slack-shortcut: ${SHORTCUTS} message shortcuts, payload → chat.postEphemeral over loopback (after ${WARM_UP} warm-up): ` +
        `p50 ${fmt(percentile(sorted, 50))} ms, p99 ${fmt(percentile(sorted, 99))} ms, max ${fmt(sorted.at(-1) ?? NaN)} ms`,
    );
  } finally {
    await t.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSlackShortcutBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
