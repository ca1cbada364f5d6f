import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { ROOT } from '../helpers/run-node.js';

/** Seeded, so a failure names a message that fails again. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const PIECES = [
  'docker', 'vm', 'container', 'kernel', 'hypervisor', 'when', 'why', 'is', 'not', 'bad', 'fit', 'overkill', 'vs', 'compare', 'table',
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype',
  '<!channel>', '@everyone', '<@U123ABC>', '<#C1|general>', '<https://x.test|link>', ':thinking_face:', '```', '`code`', '**', '||',
  '?', '!', ',', ' - ', ':', '\n', '\t', '…', '—', '🙂', '👍🏽', '\u0000', '\u202e', 'é', 'ß', 'İ',
  'コンテナ', '가상머신', 'виртуальная', 'الحاوية', '容器', '0x1f', '--rm', '/var/run/docker.sock', '1.2GB', '99999999999999999999',
];

let core: Core;
beforeAll(() => {
  core = createCore(loadKnowledge(path.join(ROOT, 'knowledge')));
});

describe('the answer engine under odd input', () => {
  it('answers, suggests or declines every message, with a confidence in 0..1 and an explanation of finite numbers', () => {
    const random = prng(20261201);
    for (let i = 0; i < 800; i++) {
      const length = 1 + Math.floor(random() * 40);
      const text = Array.from({ length }, () => PIECES[Math.floor(random() * PIECES.length)] as string).join(random() < 0.5 ? ' ' : '');
      const { outcome } = core.ask(text, { platform: 'cli' }, { explain: true });
      expect(['answered', 'suggest', 'declined'], text).toContain(outcome.status);
      expect(Number.isFinite(outcome.score) && outcome.score >= 0 && outcome.score <= 1, text).toBe(true);
      const numbers = JSON.stringify(outcome.explanation ?? {}).match(/-?\d+(\.\d+)?(e-?\d+)?|NaN|Infinity|null/g) ?? [];
      expect(numbers.filter((n) => n === 'NaN' || n === 'Infinity' || n === 'null'), text).toEqual([]);
    }
  });

  it('never echoes a broadcast or a mention from the question into the card', () => {
    const reply = core.ask('<!channel> @everyone <@U123ABC> why are containers lighter than vms?', { platform: 'cli' });
    const card = JSON.stringify(reply.card);
    expect(card).not.toMatch(/<!channel>|@everyone|<@U123ABC>/);
  });
});
