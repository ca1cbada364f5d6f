/**
 * Answer-engine benchmark: `npm run bench` (not a test; timing belongs here).
 * Prints index build time, per-question latency over every evaluation message,
 * the worst case (a long paste of invented words), memory, and the CPU a cold
 * `vmvc ask` costs against a bare `node -e 0`. Accuracy is `npm run eval`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { MAX_QUESTION_CHARS } from '../../src/core/match/normalize.js';
import { loadEvalSets } from '../eval/eval-sets.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ROUNDS = 10;
const COLD_RUNS = 15;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function timeEach(texts: readonly string[], answer: (q: string) => unknown, rounds: number): number[] {
  for (const q of texts) answer(q); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of texts) {
      const t = process.hrtime.bigint();
      answer(q);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return samples.sort((a, b) => a - b);
}

/** A paste of invented words: every one unknown, so every one a candidate for typo fixing. */
export function junk(seed: number): string {
  let x = seed;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words: string[] = [];
  let length = 0;
  while (length < MAX_QUESTION_CHARS) {
    let w = '';
    const n = 5 + (x % 7);
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      w += letters[x % 26];
    }
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ');
}

/** CPU (user + system) a whole `node …` process spends, read by a hook at its exit. */
function cpuOf(args: string[]): number {
  const hook = pathToFileURL(path.join(ROOT, 'dist/tests/bench/cpu-at-exit.js')).href;
  const run = spawnSync(process.execPath, ['--import', hook, ...args], { encoding: 'utf8' });
  const match = /cpu-ms=([\d.]+)/.exec(run.stderr);
  if (!match) throw new Error(`no CPU figure from node ${args.join(' ')}: ${run.stderr}`);
  return Number(match[1]);
}

const ms = (n: number) => `${n.toFixed(3)} ms`;

export async function runEngineBench(): Promise<void> {
  const texts = loadEvalSets(path.join(ROOT, 'tests/eval')).map((m) => m.text);
  const knowledge = loadKnowledge(path.join(ROOT, 'knowledge'), { cache: false });

  const builds: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = process.hrtime.bigint();
    createCore(knowledge);
    builds.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  builds.sort((a, b) => a - b);
  const core = createCore(knowledge);
  const memoryRun = spawnSync(process.execPath, ['--expose-gc', path.join(ROOT, 'dist/tests/bench/engine-memory.js')], { encoding: 'utf8' });
  const memory = JSON.parse(memoryRun.stdout) as { rss: number; heapUsed: number };

  const ours = timeEach(texts, (q) => core.ask(q, { platform: 'cli' }), ROUNDS);
  const qps = 1000 / (ours.reduce((s, x) => s + x, 0) / ours.length);
  const worst = timeEach([1, 2, 3, 4, 5].map(junk), (q) => core.ask(q, { platform: 'cli' }), 5);

  const bin = path.join(ROOT, 'dist/src/adapters/cli/bin.js');
  cpuOf([bin, 'ask', 'why are containers lighter than vms']); // fills the knowledge cache
  const cold: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    cold.push(cpuOf([bin, 'ask', 'why are containers lighter than vms']));
    bare.push(cpuOf(['-e', '0']));
  }
  cold.sort((a, b) => a - b);
  bare.sort((a, b) => a - b);

  console.log('== Answer engine ==');
  console.log(`knowledge: ${knowledge.faq.length} entries, ${knowledge.faq.reduce((n, e) => n + e.aliases.length, 0)} phrasings; ${texts.length} evaluation messages × ${ROUNDS} rounds`);
  console.log(`index build (createCore): p50 ${ms(percentile(builds, 50))}, max ${ms(builds.at(-1) ?? 0)}`);
  console.log(`per question: p50 ${ms(percentile(ours, 50))}, p99 ${ms(percentile(ours, 99))}, max ${ms(ours.at(-1) ?? 0)}   [target p99 < 1 ms]`);
  console.log(`throughput: ${Math.round(qps)} questions/s`);
  console.log(`worst case (${MAX_QUESTION_CHARS} characters of invented words): p50 ${ms(percentile(worst, 50))}, max ${ms(worst.at(-1) ?? 0)}`);
  console.log(`memory after load (own process): rss ${(memory.rss / 2 ** 20).toFixed(1)} MB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(1)} MB   [target RSS < 100 MB]`);
  const ratio = percentile(cold, 50) / percentile(bare, 50);
  console.log(`cold \`vmvc ask\` CPU: p50 ${percentile(cold, 50).toFixed(1)} ms vs \`node -e 0\` ${percentile(bare, 50).toFixed(1)} ms = ${ratio.toFixed(2)}×   [target ≤ 2×]`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runEngineBench();
}
