import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KnowledgeError, loadKnowledge } from '../../src/core/knowledge/load.js';
import { ROOT, runCli } from '../helpers/run-node.js';

const KNOWLEDGE = path.join(ROOT, 'knowledge');
const FIXTURES = path.join(ROOT, 'tests/fixtures/knowledge-broken');
const temps: string[] = [];

/** A copy of the real knowledge folder with one file replaced. */
function knowledgeWith(file: string, content: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vmvc-knowledge-'));
  temps.push(dir);
  cpSync(KNOWLEDGE, dir, { recursive: true });
  writeFileSync(path.join(dir, file), content);
  return dir;
}

function problemsIn(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeError);
    return (err as KnowledgeError).problems;
  }
  throw new Error('expected the knowledge to be rejected');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the knowledge in the repo', () => {
  it('passes `vmvc check`', () => {
    const result = runCli(['check']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Knowledge OK: \d+ FAQ entries/);
  });

  it('meets the curation floor: 35+ entries with 5+ phrasings, 10+ dimensions, 40+ tips, every source cited', () => {
    const k = loadKnowledge(KNOWLEDGE);
    expect(k.faq.length).toBeGreaterThanOrEqual(35);
    expect(k.faq.every((e) => e.aliases.length >= 5)).toBe(true);
    expect(k.comparison.length).toBeGreaterThanOrEqual(10);
    expect(k.tips.length).toBeGreaterThanOrEqual(40);
    const cited = new Set([...k.faq, ...k.comparison, ...k.tips].flatMap((x) => x.sources));
    expect([...cited].sort()).toEqual(k.sources.map((s) => s.id).sort());
  });
});

describe('knowledge changed since the engine was fitted', () => {
  it('passes, with a note naming the entries the learned weights do not know and what to run', () => {
    const faq = parse(readFileSync(path.join(KNOWLEDGE, 'faq.yaml'), 'utf8')) as { entries: Record<string, unknown>[] };
    const first = faq.entries[0] as Record<string, unknown>;
    faq.entries.push({ ...first, id: 'brand-new-topic', title: 'A brand new topic', question: 'What is a brand new topic?', aliases: ['brand new one', 'brand new two', 'brand new three', 'brand new four', 'brand new five'] });
    const result = runCli(['check', '--dir', knowledgeWith('faq.yaml', stringify(faq))]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Note: the answer engine's learned weights are out of date \(new since the last fit: brand-new-topic\)\. Run npm run fit, then npm run eval \(both read the repo's knowledge\/ folder\)\.$/m);
  });

  it('loads an intent.yaml written before the how_to list existed', () => {
    const intent = parse(readFileSync(path.join(KNOWLEDGE, 'intent.yaml'), 'utf8')) as Record<string, unknown>;
    delete intent.how_to;
    const dir = knowledgeWith('intent.yaml', stringify(intent));
    expect(loadKnowledge(dir, { cache: false }).intent.how_to).toEqual([]);
    const result = runCli(['ask', '--json', 'why are containers lighter than vms?'], { env: { KNOWLEDGE_DIR: dir } });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'answered', id: 'why-lighter' });
  });

  it('says nothing of the kind for the knowledge the weights were fitted on', () => {
    expect(runCli(['check']).stdout).not.toContain('Note:');
  });
});

describe('broken knowledge files are rejected with file, entry and field', () => {
  it.each([
    ['faq-bad-yaml.yaml', /\/faq\.yaml: invalid YAML at line \d+, column \d+/],
    ['faq-missing-field.yaml', /\/faq\.yaml: entry 'startup-time': short: is missing/],
    ['faq-missing-field.yaml', /\/faq\.yaml: entry 'startup-time': aliases: expected at least 5 items/],
    ['faq-dangling-related.yaml', /\/faq\.yaml: entry 'startup-time': related: unknown entry 'no-such-entry'/],
    ['faq-duplicate-id.yaml', /\/faq\.yaml: entry 'startup-time': id: duplicate id/],
  ])('%s → %s, naming the --dir folder (through the CLI, exit 1)', (fixture, expected) => {
    const dir = knowledgeWith('faq.yaml', readFileSync(path.join(FIXTURES, fixture), 'utf8'));
    const result = runCli(['check', '--dir', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(expected);
    // The file read, not the repo's knowledge/ folder it was copied from.
    for (const line of result.stderr.split('\n').filter((l) => l.startsWith('  - '))) expect(line).toMatch(new RegExp(`^  - ${escape(dir)}/\\w+\\.yaml: `));
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('lists cross-reference problems alongside schema errors in one run', () => {
    const faq = parse(readFileSync(path.join(KNOWLEDGE, 'faq.yaml'), 'utf8')) as { entries: Record<string, unknown>[] };
    const [first, second] = faq.entries as [Record<string, unknown>, Record<string, unknown>];
    first.pinned = 'yes please';
    second.id = first.id;
    const problems = problemsIn(knowledgeWith('faq.yaml', stringify(faq))).join('\n');
    expect(problems).toContain(`entry '${String(first.id)}': pinned:`);
    expect(problems).toContain(`entry '${String(first.id)}': id: duplicate id`);
  });

  it('lists every problem, not just the first', () => {
    const dir = knowledgeWith('faq.yaml', readFileSync(path.join(FIXTURES, 'faq-missing-field.yaml'), 'utf8'));
    expect(problemsIn(dir).length).toBeGreaterThanOrEqual(2);
  });

  it('rejects a phrasing shared by two entries, an over-long answer, an unknown source and a missing file', () => {
    const faq = parse(readFileSync(path.join(KNOWLEDGE, 'faq.yaml'), 'utf8')) as { entries: Record<string, unknown>[] };
    const [a, b, c] = faq.entries as [Record<string, string[] | string>, Record<string, string[] | string>, Record<string, string[] | string>];
    (b.aliases as string[]).push((a.aliases as string[])[0] as string);
    a.answer = 'x'.repeat(2_600);
    c.sources = ['nowhere'];
    const dir = knowledgeWith('faq.yaml', stringify(faq));
    const problems = problemsIn(dir).join('\n');
    expect(problems).toContain(`entry '${String(a.id)}': answer: must be at most 2500 characters`);
    const again = knowledgeWith('faq.yaml', stringify({ entries: faq.entries.map((e, i) => (i === 0 ? { ...e, answer: 'short enough' } : e)) }));
    const cross = problemsIn(again).join('\n');
    expect(cross).toContain(`entry '${String(b.id)}': aliases: '${(a.aliases as string[])[0]}' is also a phrasing of entry '${String(a.id)}'`);
    expect(cross).toContain(`entry '${String(c.id)}': sources: unknown source 'nowhere'`);
    rmSync(path.join(again, 'tips.yaml'));
    expect(problemsIn(again).join('\n')).toContain(`${again}/tips.yaml: cannot read the file (it does not exist)`);
  });

  it('rejects unknown fields and a tip pointing at a missing entry', () => {
    const tips = parse(readFileSync(path.join(KNOWLEDGE, 'tips.yaml'), 'utf8')) as { tips: Record<string, unknown>[] };
    (tips.tips[0] as Record<string, unknown>).faq = 'not-an-entry';
    (tips.tips[1] as Record<string, unknown>).colour = 'blue';
    const withColour = knowledgeWith('tips.yaml', stringify(tips));
    expect(problemsIn(withColour).join('\n')).toMatch(new RegExp(`${escape(withColour)}/tips\\.yaml: tip '\\d+': unknown field colour`));
    const onlyDangling = { tips: tips.tips.map((t, i) => (i === 1 ? { ...t, colour: undefined } : t)) };
    delete (onlyDangling.tips[1] as Record<string, unknown>).colour;
    const dangling = knowledgeWith('tips.yaml', stringify(onlyDangling));
    expect(problemsIn(dangling).join('\n')).toMatch(new RegExp(`${escape(dangling)}/tips\\.yaml: tip '\\d+': faq: unknown entry 'not-an-entry'`));
  });
});
