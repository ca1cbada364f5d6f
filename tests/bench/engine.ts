/**
 * Answer-engine benchmark: `npm run bench` (not a test; timing belongs here).
 * Prints index build time, per-question latency over the evaluation set, memory,
 * end-to-end `vmvc ask` time, and a naive fuse.js baseline side by side.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import { parse } from 'yaml';
import { createCore } from '../../src/core/create-core.js';
import { evaluate, type EvalQuestion } from '../../src/core/eval/evaluate.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import type { Knowledge } from '../../src/core/knowledge/schema.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ROUNDS = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function loadSet(file: string): EvalQuestion[] {
  const full = path.join(ROOT, 'tests/eval', file);
  return existsSync(full) ? (parse(readFileSync(full, 'utf8')) as { questions: EvalQuestion[] }).questions : [];
}

function timeEach(questions: readonly EvalQuestion[], answer: (q: string) => unknown): number[] {
  for (const q of questions) answer(q.q); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      const t = process.hrtime.bigint();
      answer(q.q);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return samples.sort((a, b) => a - b);
}

/** The naive approach: fuse.js, default options, canonical questions only; first hit or nothing. */
function baselineAnswer(k: Knowledge) {
  const fuse = new Fuse(k.faq, { keys: ['question'] });
  return (q: string) => fuse.search(q, { limit: 1 })[0]?.item.id;
}

function baselineAccuracy(k: Knowledge, questions: readonly EvalQuestion[]) {
  const answer = baselineAnswer(k);
  const faqOf = new Map(k.comparison.map((d) => [`compare:${d.id}`, d.faq]));
  let inTotal = 0;
  let inOk = 0;
  let outTotal = 0;
  let outOk = 0;
  for (const q of questions) {
    const got = answer(q.q);
    if (q.expect === 'out-of-domain') {
      outTotal++;
      if (got === undefined) outOk++;
    } else {
      inTotal++;
      if (got !== undefined && (got === q.expect || faqOf.get(q.expect) === got)) inOk++;
    }
  }
  return { inDomain: inOk / inTotal, outOfDomain: outOk / outTotal };
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

export async function runEngineBench(): Promise<void> {
  const questions = loadSet('questions.yaml');
  const holdout = loadSet('holdout.yaml');
  const knowledgeDir = path.join(ROOT, 'knowledge');
  const knowledge = loadKnowledge(knowledgeDir, { cache: false });

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

  const ours = timeEach(questions, (q) => core.ask(q, { platform: 'cli' }));
  const naive = baselineAnswer(knowledge);
  const base = timeEach(questions, naive);
  const report = evaluate(core, questions);
  const baseAcc = baselineAccuracy(knowledge, questions);
  const oursQps = 1000 / (ours.reduce((s, x) => s + x, 0) / ours.length);
  const baseQps = 1000 / (base.reduce((s, x) => s + x, 0) / base.length);

  const e2e: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, [path.join(ROOT, 'dist/src/adapters/cli/bin.js'), 'ask', 'why are containers lighter than vms'], { encoding: 'utf8' });
    e2e.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  e2e.sort((a, b) => a - b);

  console.log('== Answer engine ==');
  console.log(`knowledge: ${knowledge.faq.length} entries, ${knowledge.faq.reduce((n, e) => n + e.aliases.length, 0)} phrasings; eval set ${questions.length} questions × ${ROUNDS} rounds`);
  console.log(`index build (createCore): p50 ${ms(percentile(builds, 50))}, max ${ms(builds.at(-1) ?? 0)}   [target < 50 ms]`);
  console.log(`per question: p50 ${ms(percentile(ours, 50))}, p99 ${ms(percentile(ours, 99))}, max ${ms(ours.at(-1) ?? 0)}   [target p99 < 1 ms]`);
  console.log(`throughput: ${Math.round(oursQps)} questions/s`);
  console.log(`memory after load (own process): rss ${(memory.rss / 2 ** 20).toFixed(1)} MB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(1)} MB   [target RSS < 100 MB]`);
  console.log(`\`vmvc ask\` end to end (new process): p50 ${ms(percentile(e2e, 50))}, max ${ms(e2e.at(-1) ?? 0)}   [target < 400 ms]`);
  console.log('');
  console.log('                     ours        baseline (fuse.js defaults, canonical questions)   ratio');
  console.log(`in-domain top-1      ${pct(report.inDomain.accuracy).padEnd(11)} ${pct(baseAcc.inDomain).padEnd(50)} ${(report.inDomain.accuracy / baseAcc.inDomain).toFixed(2)}x`);
  console.log(`out-of-domain decl.  ${pct(report.outOfDomain.rate).padEnd(11)} ${pct(baseAcc.outOfDomain).padEnd(50)} ${(report.outOfDomain.rate / Math.max(baseAcc.outOfDomain, 1e-9)).toFixed(2)}x`);
  console.log(`p50 latency          ${ms(percentile(ours, 50)).padEnd(11)} ${ms(percentile(base, 50)).padEnd(50)} ${(percentile(base, 50) / percentile(ours, 50)).toFixed(1)}x faster`);
  console.log(`p99 latency          ${ms(percentile(ours, 99)).padEnd(11)} ${ms(percentile(base, 99)).padEnd(50)} ${(percentile(base, 99) / percentile(ours, 99)).toFixed(1)}x faster`);
  console.log(`questions/s          ${String(Math.round(oursQps)).padEnd(11)} ${String(Math.round(baseQps)).padEnd(50)} ${(oursQps / baseQps).toFixed(1)}x`);
  if (holdout.length > 0) {
    const h = evaluate(core, holdout);
    const hb = baselineAccuracy(knowledge, holdout);
    console.log(`held-out set (${holdout.length} questions, written without seeing the FAQ phrasings): in-domain ${pct(h.inDomain.accuracy)} (baseline ${pct(hb.inDomain)}), out-of-domain declined ${pct(h.outOfDomain.rate)} (baseline ${pct(hb.outOfDomain)})`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runEngineBench();
}
