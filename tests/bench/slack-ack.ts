import { pathToFileURL } from 'node:url';
import { sendSlashCommand } from '../fixtures/slack/signed-request.js';
import { startTestSlack } from '../fixtures/slack/start-test-slack.js';

/**
 * Slash command ack latency over loopback HTTP: the real Bolt app in HTTP mode
 * (signature check, the core, Block Kit rendering, the ack) against a local
 * fake Web API, 1,000 signed `/vmvc` requests one after another. Measured from
 * sending the request to having read the whole response body.
 */
const REQUESTS = 1_000;
const WARM_UP = 20;
const QUESTIONS = ['why-lighter', 'how fast does a container start?', 'compare startup-time', 'topics', 'tip', 'help', 'is docker a vm?', 'compare'];

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export async function runSlackAckBench(): Promise<void> {
  const t = await startTestSlack({ logLevel: 'info' });
  try {
    for (let i = 0; i < WARM_UP; i++) await (await sendSlashCommand(t.baseUrl, { text: QUESTIONS[i % QUESTIONS.length] ?? '' })).text();
    const latencies: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const res = await sendSlashCommand(t.baseUrl, { text: QUESTIONS[i % QUESTIONS.length] ?? '' });
      const body = await res.text();
      latencies.push(performance.now() - started);
      if (res.status !== 200 || !body.includes('"blocks"')) throw new Error(`request ${i} failed: HTTP ${res.status} ${body.slice(0, 200)}`);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(2);
    console.log(
      `slack-ack: ${REQUESTS} signed slash commands over loopback HTTP (after ${WARM_UP} warm-up): ` +
        `p50 ${fmt(percentile(sorted, 50))} ms, p99 ${fmt(percentile(sorted, 99))} ms, max ${fmt(sorted.at(-1) ?? NaN)} ms`,
    );
  } finally {
    await t.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSlackAckBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
