import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { FakeSlackApi } from '../fixtures/slack/fake-slack-api.js';
import { blockActionsPayload, sendInteraction, sendSlashCommand, TEST_SIGNING_SECRET } from '../fixtures/slack/signed-request.js';
import { cleanEnv, spawn } from '../helpers/run-node.js';
import { freePort } from '../helpers/built-bot.js';

/**
 * `npm run soak`: does the bot's memory level off? The built bot
 * (dist/src/main.js) runs as a child process in Slack HTTP mode against the
 * local Slack fake, on a real SQLite DATA_DIR in a temp folder, and answers
 * 100,000 signed requests over loopback, 20 in flight: slash commands of every
 * kind (topics, comparisons, typos, invented words, chatter) from many users in
 * many channels, with one request in ten a button click (show, compare, vote,
 * share). The child's RSS (VmRSS) is sampled every 5,000 requests; over the
 * second half a slope above the limits below fails the run.
 * Beside RSS the table shows the live heap after the last full collection
 * (the child runs with --trace-gc), which tells a leak from allocator slack.
 */
/** The built entry beside this built file (dist/tests/bench → dist/src/main.js). */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/main.js');
const REQUESTS = 100_000;
const IN_FLIGHT = 20;
const SAMPLE_EVERY = 5_000;
/** The whole run, start-up included; a run that needs longer says so and stops. */
const DEADLINE_MS = 6 * 60_000;
/**
 * What "levels off" means, over the second half (least-squares slopes). The
 * live heap after a full collection is the leak signal: under 0.5 MB per
 * 10,000 requests. RSS also carries V8's garbage between full collections
 * (the old space is let grow to ~130 MB before one runs), a sawtooth of
 * ±15 MiB, so its limit is 5 MiB per 10,000; the growth that prompted this
 * soak was 100 MiB per 10,000.
 */
const HEAP_SLOPE_LIMIT_MB = 0.5;
const RSS_SLOPE_LIMIT_MIB = 5;

const QUESTIONS = [
  'why-lighter',
  'how fast does a container start?',
  'compare startup-time',
  'compare',
  'topics',
  'tip',
  'help',
  'is docker a vm?',
  'what is the difference between a container and a virtual machine',
  'do containers share the kernel?',
  'why are containers lighter than VMs?',
  'can I run windows containers on linux?',
  'is a container more secure than a vm',
  'dokcer vs virtaul machine',
  'how much memory does a vm use compared to a container',
  'lunch anyone?',
  'the build is green again',
  'hypervisor',
  'containers',
];

/** Invented words, different on every request: what would grow a per-word cache without bound. */
function inventedWord(i: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let n = i * 7919 + 104_729;
  let word = '';
  for (let k = 0; k < 9; k++) {
    word += letters[n % 26];
    n = Math.floor(n / 26) + k * 31;
  }
  return word;
}

interface Request {
  kind: 'slash' | 'click';
  send: () => Promise<Response>;
}

function buildRequest(i: number, baseUrl: string, slack: FakeSlackApi, faqIds: string[], dimensionIds: string[]): Request {
  const userId = `U0SOAK${String(i % 997).padStart(4, '0')}`;
  const channelId = `C0SOAK${String(i % 53).padStart(3, '0')}`;
  if (i % 10 === 9) {
    const entryId = faqIds[i % faqIds.length] ?? 'why-lighter';
    const dimensionId = dimensionIds[i % dimensionIds.length] ?? 'startup-time';
    const actionIds = [`vmvc:show:${entryId}`, `vmvc:compare:${dimensionId}`, `vmvc:vote:${entryId}:${i % 20 === 9 ? 'up' : 'down'}`, `vmvc:share:${entryId}`];
    const actionId = actionIds[Math.floor(i / 10) % actionIds.length] as string;
    const payload = blockActionsPayload({ actionId, userId, channelId, responseUrl: slack.responseUrl(`soak${i}`), ephemeral: i % 30 !== 9 });
    return { kind: 'click', send: () => sendInteraction(baseUrl, payload) };
  }
  const base = QUESTIONS[i % QUESTIONS.length] ?? 'help';
  // Every third question carries a word never seen before, every seventh a unique number.
  const text = i % 3 === 0 ? `${base} ${inventedWord(i)}` : i % 7 === 0 ? `${base} ${i}` : base;
  return { kind: 'slash', send: () => sendSlashCommand(baseUrl, { text, user_id: userId, channel_id: channelId }) };
}


function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  const kib = Number(line?.replace(/\D+/g, ''));
  if (!Number.isFinite(kib) || kib <= 0) throw new Error(`cannot read VmRSS of ${pid}`);
  return kib / 1024;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

class DeadlineError extends Error {}

export async function runSoak(): Promise<boolean> {
  const started = performance.now();
  const overDeadline = () => performance.now() - started > DEADLINE_MS;
  const knowledge = loadKnowledge();
  const faqIds = knowledge.faq.map((e) => e.id);
  const dimensionIds = knowledge.comparison.map((d) => d.id);

  const slack = await new FakeSlackApi().start();
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'vmvc-soak-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--trace-gc', MAIN], {
    cwd,
    env: cleanEnv({
      SLACK_BOT_TOKEN: 'xoxb-test-0000-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATA_DIR: path.join(cwd, 'data'),
      LOG_LEVEL: 'info',
    }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  let running = false;
  let liveHeap = NaN;
  const errorLines: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.includes('vmvc is running')) running = true;
    // --trace-gc: "Mark-Compact 52.1 (80.3) -> 44.9 (79.8) MB, …": the live heap after a full collection.
    const heap = /Mark-Compact[^>]*-> ([\d.]+)/.exec(line)?.[1];
    if (heap !== undefined) liveHeap = Number(heap);
    if (/"level":(50|60)/.test(line) && errorLines.length < 20) errorLines.push(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

  try {
    while (!running) {
      if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before it was running; stderr: ${stderr}`);
      if (overDeadline()) throw new DeadlineError('the bot did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const pid = child.pid as number;

    // Warm-up (JIT, SQLite statements, fuse.js indexes), then the baseline.
    for (let i = 0; i < 200; i++) await (await buildRequest(i, baseUrl, slack, faqIds, dimensionIds).send()).text();
    const samples: { requests: number; rss: number; heap: number; seconds: number; failures: number }[] = [];
    const loadStarted = performance.now();
    let failures = 0;
    let firstFailure = '';
    samples.push({ requests: 0, rss: rssMiB(pid), heap: liveHeap, seconds: 0, failures });
    console.log(`soak: ${REQUESTS.toLocaleString('en')} signed requests (1 in 10 a button click), ${IN_FLIGHT} in flight, against the built bot (pid ${pid})`);
    console.log('  requests   RSS MiB   heap MB   elapsed s   req/s   failures');
    const printSample = (s: (typeof samples)[number]) =>
      console.log(
        `  ${String(s.requests).padStart(8)}   ${s.rss.toFixed(1).padStart(7)}   ${(Number.isNaN(s.heap) ? '-' : s.heap.toFixed(1)).padStart(7)}   ${s.seconds.toFixed(1).padStart(9)}   ${(s.seconds === 0 ? '-' : (s.requests / s.seconds).toFixed(0)).padStart(5)}   ${String(s.failures).padStart(8)}`,
      );
    printSample(samples[0] as (typeof samples)[number]);

    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        if (overDeadline()) throw new DeadlineError(`only ${done.toLocaleString('en')} of ${REQUESTS.toLocaleString('en')} requests were answered`);
        const i = next++;
        const request = buildRequest(i + 1_000, baseUrl, slack, faqIds, dimensionIds);
        try {
          const res = await request.send();
          const body = await res.text();
          const ok = res.status === 200 && (request.kind === 'click' || body.includes('"blocks"'));
          if (!ok) {
            failures += 1;
            firstFailure ||= `request ${i} (${request.kind}): HTTP ${res.status} ${body.slice(0, 200)}`;
          }
        } catch (err) {
          failures += 1;
          firstFailure ||= `request ${i} (${request.kind}): ${String(err)}`;
        }
        done += 1;
        if (done % SAMPLE_EVERY === 0) {
          const s = { requests: done, rss: rssMiB(pid), heap: liveHeap, seconds: (performance.now() - loadStarted) / 1000, failures };
          samples.push(s);
          printSample(s);
          // The fake records every call; the soak measures the bot, not the fake.
          slack.calls.length = 0;
        }
      }
    };
    await Promise.all([...Array.from({ length: IN_FLIGHT }, worker)]);

    const secondHalf = samples.filter((s) => s.requests >= REQUESTS / 2);
    const rssPerTenK = slope(secondHalf.map((s) => ({ x: s.requests / 10_000, y: s.rss })));
    const heapPerTenK = slope(secondHalf.filter((s) => !Number.isNaN(s.heap)).map((s) => ({ x: s.requests / 10_000, y: s.heap })));
    const first = samples[0] as (typeof samples)[number];
    const last = samples.at(-1) as (typeof samples)[number];
    const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(2)}`;
    console.log(
      `soak: RSS ${first.rss.toFixed(1)} → ${last.rss.toFixed(1)} MiB, live heap ${first.heap.toFixed(1)} → ${last.heap.toFixed(1)} MB over ${REQUESTS.toLocaleString('en')} requests; ${failures} failed`,
    );
    console.log(
      `soak: slope over the second half: RSS ${signed(rssPerTenK)} MiB per 10k requests (limit ${RSS_SLOPE_LIMIT_MIB}), ` +
        `live heap ${signed(heapPerTenK)} MB per 10k requests (limit ${HEAP_SLOPE_LIMIT_MB})`,
    );
    if (firstFailure !== '') console.log(`soak: first failure: ${firstFailure}`);
    if (errorLines.length > 0) console.log(`soak: the bot logged ${errorLines.length}+ error lines, the first: ${errorLines[0]}`);
    const levelsOff = rssPerTenK < RSS_SLOPE_LIMIT_MIB && !(heapPerTenK >= HEAP_SLOPE_LIMIT_MB);
    console.log(levelsOff ? 'soak: memory levels off' : 'soak: memory KEEPS GROWING over the second half');
    return levelsOff && failures === 0 && errorLines.length === 0;
  } catch (err) {
    if (err instanceof DeadlineError) {
      console.error(`soak: stopped after ${DEADLINE_MS / 60_000} minutes: ${err.message}. The machine may be too slow or the bot stuck.`);
      return false;
    }
    throw err;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    await slack.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSoak().then(
    (ok) => {
      process.exitCode = ok ? 0 : 1;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
