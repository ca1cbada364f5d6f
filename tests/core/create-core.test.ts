import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { MemoryUsageRecorder, type UsageRecorder } from '../../src/core/usage.js';
import { ROOT } from '../helpers/run-node.js';

const knowledge = loadKnowledge(path.join(ROOT, 'knowledge'));

describe('createCore', () => {
  it('records asks and one vote per user per entry, hashing the user id', async () => {
    const recorder = new MemoryUsageRecorder();
    const core = createCore(knowledge, { recorder, clock: () => new Date('2026-01-01T00:00:00Z') });
    core.respond("what's for lunch", { platform: 'slack', userId: 'U1' });
    core.respond('why-lighter', { platform: 'slack', userId: 'U1' });
    expect(recorder.asks.map((a) => [a.status, a.entryId ?? null, a.normalized])).toEqual([
      ['declined', null, 'whats for lunch'],
      ['answered', 'why-lighter', 'why-lighter'],
    ]);
    expect(await core.vote('why-lighter', 'up', { platform: 'slack', userId: 'U1' })).toBe(true);
    expect(await core.vote('why-lighter', 'down', { platform: 'slack', userId: 'U1' })).toBe(true);
    expect(await core.vote('no-such-entry', 'up', { platform: 'slack', userId: 'U1' })).toBe(false);
    expect(recorder.votes).toHaveLength(1);
    expect(recorder.votes[0]).toMatchObject({ entryId: 'why-lighter', vote: 'down' });
    expect(recorder.votes[0]?.userHash).not.toContain('U1');
  });

  it('still answers when recording fails, and reports the failure', async () => {
    const failures: string[] = [];
    const broken: UsageRecorder = {
      recordAsk: async () => {
        throw new Error('database is locked');
      },
      recordVote: async () => {
        throw new Error('disk full');
      },
    };
    const core = createCore(knowledge, { recorder: broken, onRecordError: (err, what) => failures.push(`${what}: ${(err as Error).message}`) });
    expect(core.respond('why are containers lighter', { platform: 'discord', userId: '1' }).outcome).toMatchObject({ status: 'answered', id: 'why-lighter' });
    expect(await core.vote('why-lighter', 'up', { platform: 'discord', userId: '1' })).toBe(false);
    expect(failures).toEqual(['ask: database is locked', 'vote: disk full']);
  });

  it('treats bad input as a clear card, never an exception or an echo', () => {
    const core = createCore(knowledge);
    const inputs = ['', '   \n\t', 'x'.repeat(100_000), '\u0000\u0001\u0002\u001b[31m', '🐳🔥🚀', '?!?!...;;', '<!channel>', '@everyone @here', '<@U123> <#C1|general>', '**`  `**'];
    for (const input of inputs) {
      const { card, outcome } = core.respond(input, { platform: 'slack' });
      expect(['help', 'declined']).toContain(card.kind);
      expect(outcome.status === 'answered' ? outcome.id : 'declined').toMatch(/help|declined/);
      const text = JSON.stringify(card);
      expect(text).not.toMatch(/<!channel>|@everyone|@here|<@U123>|xxxxxxxxxx/);
    }
  });

  it('autocomplete: exact slug first, then phrasing prefixes, pinned entries when empty, at most 25', () => {
    const core = createCore(knowledge);
    expect(core.autocomplete('why-lighter')[0]?.id).toBe('why-lighter');
    expect(core.autocomplete('docker desk').map((e) => e.id)).toContain('docker-desktop');
    const empty = core.autocomplete('');
    expect(empty.slice(0, knowledge.faq.filter((e) => e.pinned).length).every((e) => knowledge.faq.find((f) => f.id === e.id)?.pinned)).toBe(true);
    expect(empty.length).toBeLessThanOrEqual(25);
    expect(core.autocomplete('contaner boot tme').map((e) => e.id)).toContain('startup-time');
  });

  it('commands: /vmvc words that are commands run them; questions that start with one are still questions', () => {
    const core = createCore(knowledge, { random: () => 0 });
    expect(core.respond('help', { platform: 'console' }).card.kind).toBe('help');
    expect(core.respond('topics', { platform: 'console' }).card.kind).toBe('topics');
    expect(core.respond('tip 3', { platform: 'console' }).card).toMatchObject({ kind: 'tip', tipId: 3 });
    expect(core.respond('compare', { platform: 'console' }).card).toMatchObject({ kind: 'comparison', whole: true });
    expect(core.respond('compare security', { platform: 'console' }).card).toMatchObject({ kind: 'comparison', whole: false });
    expect(core.respond('help me understand what a hypervisor is', { platform: 'console' }).outcome.id).toBe('hypervisor');
  });
});
