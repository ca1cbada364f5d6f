import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCore, type Core } from '../../src/core/create-core.js';
import { evaluate, type EvalQuestion, type EvalReport } from '../../src/core/eval/evaluate.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { phrasingKey } from '../../src/core/match/phrasing-key.js';
import { ROOT } from '../helpers/run-node.js';

function loadSet(file: string): EvalQuestion[] {
  return (parse(readFileSync(path.join(ROOT, 'tests/eval', file), 'utf8')) as { questions: EvalQuestion[] }).questions;
}

function describeMisses(report: EvalReport): string {
  return report.misses.map((m) => `  expected ${m.expected.padEnd(26)} got ${m.got.padEnd(40)} (${m.score})  ${m.q}`).join('\n');
}

let core: Core;
const questions = loadSet('questions.yaml');

beforeAll(() => {
  core = createCore(loadKnowledge(path.join(ROOT, 'knowledge')));
});

describe('evaluation set', () => {
  it('is large, labelled with real ids, and covers every entry with 3+ questions', () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    const ids = new Set(core.knowledge.faq.map((e) => e.id));
    const dims = new Set(core.knowledge.comparison.map((d) => `compare:${d.id}`));
    for (const { expect: label } of questions) {
      expect(ids.has(label) || dims.has(label) || label === 'compare' || label === 'out-of-domain', `unknown label ${label}`).toBe(true);
    }
    for (const id of ids) expect(questions.filter((q) => q.expect === id).length, id).toBeGreaterThanOrEqual(3);
  });

  it('does not copy the knowledge base phrasings (an eval of aliases measures nothing)', () => {
    const phrasings = new Set(core.knowledge.faq.flatMap((e) => [e.question, ...e.aliases]).map(phrasingKey));
    const copied = [...questions, ...loadSet('holdout.yaml')].filter((q) => phrasings.has(phrasingKey(q.q)));
    expect(copied.map((q) => q.q)).toEqual([]);
  });
});

describe('matching quality', () => {
  it('answers ≥ 95% of in-domain questions with the right entry and declines ≥ 95% of out-of-domain ones', () => {
    const report = evaluate(core, questions);
    const summary = `in-domain ${report.inDomain.correct}/${report.inDomain.total} (${(report.inDomain.accuracy * 100).toFixed(1)}%), out-of-domain declined ${report.outOfDomain.declined}/${report.outOfDomain.total} (${(report.outOfDomain.rate * 100).toFixed(1)}%)`;
    const ok = report.inDomain.accuracy >= 0.95 && report.outOfDomain.rate >= 0.95;
    if (!ok) console.log(`${summary}\nConfusion cases:\n${describeMisses(report)}`);
    expect(report.inDomain.accuracy, summary).toBeGreaterThanOrEqual(0.95);
    expect(report.outOfDomain.rate, summary).toBeGreaterThanOrEqual(0.95);
  });

  it('generalises to the held-out set written apart from the FAQ phrasings (≥ 85% in-domain, ≥ 95% declined)', () => {
    const report = evaluate(core, loadSet('holdout.yaml'));
    const summary = `held-out: in-domain ${(report.inDomain.accuracy * 100).toFixed(1)}%, out-of-domain declined ${(report.outOfDomain.rate * 100).toFixed(1)}%`;
    if (report.inDomain.accuracy < 0.85 || report.outOfDomain.rate < 0.95) console.log(`${summary}\n${describeMisses(report)}`);
    expect(report.inDomain.total).toBeGreaterThanOrEqual(80);
    expect(report.inDomain.accuracy, summary).toBeGreaterThanOrEqual(0.85);
    expect(report.outOfDomain.rate, summary).toBeGreaterThanOrEqual(0.95);
  });

  it('reports every confidence within 0..1', () => {
    for (const q of [...questions, ...loadSet('holdout.yaml')]) {
      const { score } = core.ask(q.q, { platform: 'cli' }).outcome;
      expect(score, q.q).toBeGreaterThanOrEqual(0);
      expect(score, q.q).toBeLessThanOrEqual(1);
    }
  });

  it('never answers an out-of-domain question confidently', () => {
    for (const q of questions.filter((x) => x.expect === 'out-of-domain')) {
      const { outcome } = core.ask(q.q, { platform: 'cli' });
      if (outcome.status === 'answered') expect(outcome.score, q.q).toBeLessThan(0.9);
    }
  });

  it('answers every slug and every knowledge phrasing exactly', () => {
    for (const e of core.knowledge.faq) {
      expect(core.ask(e.id, { platform: 'cli' }).outcome).toMatchObject({ status: 'answered', id: e.id, score: 1 });
      for (const alias of e.aliases) expect(core.ask(alias, { platform: 'cli' }).outcome.id, alias).toBe(e.id);
    }
  });
});
