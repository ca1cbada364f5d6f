import { afterEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/adapters/cli/commands/report.js';
import { runCli } from '../../src/adapters/cli/run-cli.js';
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { openStore } from '../../src/store/open-store.js';
import { cliIo } from '../fixtures/store/cli-io.js';
import { tempDir } from '../tips/support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const knowledge = loadKnowledge();
const core = createCore(knowledge);
const [e1, e2, e3] = knowledge.faq as [(typeof knowledge.faq)[0], (typeof knowledge.faq)[0], (typeof knowledge.faq)[0]];
const DAY = 86_400_000;

/** A database seeded with known asks and votes, some outside a 7-day window. */
function seeded() {
  const t = tempDir();
  const store = openStore({ dataDir: t.dir });
  cleanups.push(() => {
    store.close();
    t.cleanup();
  });
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY);
  const ask = (status: 'answered' | 'suggest' | 'declined', entryId: string | undefined, normalized: string, days: number) =>
    void store.recorder.recordAsk({ platform: 'slack', status, ...(entryId !== undefined && { entryId }), normalized, at: ago(days) });
  const vote = (user: string, entryId: string, v: 'up' | 'down', days: number) =>
    void store.recorder.recordVote({ platform: 'discord', entryId, vote: v, userHash: user, at: ago(days) });

  for (let i = 0; i < 4; i++) ask('answered', e1.id, '', 1);
  for (let i = 0; i < 2; i++) ask('answered', e2.id, '', 2);
  ask('answered', e3.id, '', 1);
  for (let i = 0; i < 9; i++) ask('answered', e3.id, '', 30); // outside the window

  vote('u1', e2.id, 'down', 1);
  vote('u2', e2.id, 'down', 1);
  vote('u3', e2.id, 'down', 1);
  vote('u3', e2.id, 'up', 0); // u3 changed their mind
  vote('u1', e3.id, 'down', 3);
  vote('u4', e1.id, 'up', 1);
  vote('u5', e1.id, 'down', 40); // outside the window

  // An entry's own question, as the engine would store it when it only suggested.
  const nearE1 = core.index.normalizer.normalize(e1.question);
  const offTopic = core.index.normalizer.normalize('best sourdough pizza dough hydration');
  for (let i = 0; i < 3; i++) ask('suggest', e1.id, nearE1, 1);
  ask('declined', undefined, offTopic, 2);
  ask('declined', undefined, offTopic, 2);
  ask('declined', undefined, 'ancient question', 20); // outside the window
  return { store, dir: t.dir, nearE1, offTopic };
}

describe('vmvc report', () => {
  it('computes the figures from seeded votes and questions', async () => {
    const { store, nearE1, offTopic } = seeded();
    const data = await buildReport(store, core, { days: 7, limit: 10, now: new Date() });
    expect(data.asked).toEqual([
      { entryId: e1.id, count: 4, title: e1.title },
      { entryId: e2.id, count: 2, title: e2.title },
      { entryId: e3.id, count: 1, title: e3.title },
    ]);
    expect(data.downvoted).toEqual([
      { entryId: e2.id, down: 2, up: 1, title: e2.title },
      { entryId: e3.id, down: 1, up: 0, title: e3.title },
    ]);
    expect(data.unanswered.map((q) => [q.normalized, q.count])).toEqual([
      [nearE1, 3],
      [offTopic, 2],
    ]);
    expect(data.unanswered[0]?.closest?.id).toBe(e1.id);
    expect(data.unanswered[1]?.closest).toBeUndefined();
  });

  it('prints the report for --days N through the CLI', async () => {
    const { dir, nearE1, offTopic } = seeded();
    const { io, out, err } = cliIo({ DATA_DIR: dir });
    const code = await runCli(['report', '--days', '7'], io);
    expect(err()).toBe('');
    expect(code).toBe(0);
    const text = out();
    expect(text).toContain('the last 7 days');
    expect(text).toContain(`1. ${e1.id} (${e1.title}): 4 asked`);
    expect(text).toContain(`1. ${e2.id} (${e2.title}): 2 👎, 1 👍`);
    expect(text).toContain(`"${nearE1}": 3 times`);
    expect(text).toContain(`closest entry: ${e1.id} (${e1.title}): add the question to its aliases`);
    expect(text).toContain(`"${offTopic}": 2 times`);
    expect(text).toContain('new entry needed');
    expect(text).not.toContain('ancient question');
  });

  it('a longer window includes older records', async () => {
    const { dir } = seeded();
    const { io, out } = cliIo({ DATA_DIR: dir });
    expect(await runCli(['report', '--days', '60'], io)).toBe(0);
    expect(out()).toContain(`1. ${e3.id} (${e3.title}): 10 asked`);
    expect(out()).toContain('"ancient question": 1 time');
  });

  it('rejects a bad --days with a usage error', async () => {
    const { dir } = seeded();
    const { io, err } = cliIo({ DATA_DIR: dir });
    expect(await runCli(['report', '--days', 'soon'], io)).toBe(2);
    expect(err()).toContain('--days must be a whole number');
  });

  it('a corrupt database is reported clearly, with exit 1', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${t.dir}/vmvc.sqlite`, 'not a database at all '.repeat(100));
    const { io, err } = cliIo({ DATA_DIR: t.dir });
    expect(await runCli(['report'], io)).toBe(1);
    expect(err()).toContain('vmvc.sqlite: it is not a SQLite database');
  });
});
