import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, spawnBuiltBot, type BotProcess } from '../helpers/built-bot.js';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { sendSlashCommand, TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { createTestDatabase } from '../fixtures/store/postgres.js';
import { ROOT } from '../helpers/run-node.js';

/**
 * Throughput and ack latency of whole bot processes (the built entry, Slack in
 * HTTP mode) sharing one PostgreSQL, for one copy and for three: 1,000 signed
 * slash commands, 12 in flight at a time, spread round-robin over the copies
 * as a load balancer would. Loopback only; the fake Slack Web API runs here.
 * Uses VMVC_TEST_DATABASE_URL's server, or starts a throwaway one (scripts/test-postgres.sh).
 */
const REQUESTS = 1_000;
const IN_FLIGHT = 12;
const QUESTIONS = ['why-lighter', 'how fast does a container start?', 'compare startup-time', 'is docker a vm?', 'what is a hypervisor', 'when should I pick a VM over a container?'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

async function runWith(copies: number, databaseUrl: string, slack: FakeSlackApi): Promise<string> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-bench-copies-'));
  const bots: BotProcess[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < copies; i++) {
      const port = await freePort();
      ports.push(port);
      bots.push(
        spawnBuiltBot(
          { SLACK_BOT_TOKEN: 'xoxb-test-0000-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), DATABASE_URL: databaseUrl },
          cwd,
        ),
      );
    }
    await Promise.all(bots.map((b) => b.running()));
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const port = ports[i % ports.length] as number;
        const t0 = performance.now();
        const res = await sendSlashCommand(`http://127.0.0.1:${port}`, { text: QUESTIONS[i % QUESTIONS.length] ?? '', user_id: `U${i % 50}`, channel_id: `C0BENCH${i % 7}` });
        const body = await res.text();
        latencies.push(performance.now() - t0);
        if (res.status !== 200 || !body.includes('"blocks"')) throw new Error(`request ${i} failed: HTTP ${res.status} ${body.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (performance.now() - started) / 1000;
    const sorted = latencies.sort((a, b) => a - b);
    return `${copies} cop${copies === 1 ? 'y' : 'ies'}: ${(REQUESTS / seconds).toFixed(0)} requests/s, ack p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(2)} ms`;
  } finally {
    await Promise.all(bots.map((b) => b.stop('SIGTERM')));
    rmSync(cwd, { recursive: true, force: true });
  }
}

function ensurePostgres(): () => void {
  if ((process.env.VMVC_TEST_DATABASE_URL ?? '') !== '') return () => undefined;
  const dir = path.join(os.tmpdir(), `vmvc-bench-postgres-${process.pid}`);
  const script = path.join(ROOT, 'scripts/test-postgres.sh');
  const started = spawnSync(script, ['start', dir], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`multi-copy bench needs PostgreSQL: ${started.stderr.trim()}`);
  process.env.VMVC_TEST_DATABASE_URL = started.stdout.trim();
  return () => {
    spawnSync(script, ['stop', dir]);
    delete process.env.VMVC_TEST_DATABASE_URL;
  };
}

export async function runMultiCopyBench(): Promise<void> {
  const stopPostgres = ensurePostgres();
  const slack = await new FakeSlackApi().start();
  const db = await createTestDatabase();
  try {
    console.log(`multi-copy: ${REQUESTS} signed slash commands, ${IN_FLIGHT} in flight, bot processes in Slack HTTP mode on one PostgreSQL (loopback, 2 cores shared by everything)`);
    for (const copies of [1, 3]) console.log(`  ${await runWith(copies, db.url, slack)}`);
  } finally {
    await db.drop();
    await slack.stop();
    stopPostgres();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMultiCopyBench().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
