import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core/create-core.js';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { MAX_SPELL_FIXES, describeMessage } from '../../src/core/match/features.js';
import { fittedExemplars } from '../../src/core/match/fitted-exemplars.js';
import { FITTED_MODEL } from '../../src/core/match/fitted-model.js';
import { FITTED_WORD_SCOPE } from '../../src/core/match/fitted-word-scope.js';
import { FITTED_ENTRY_WORDS } from '../../src/core/match/fitted-entry-words.js';
import { phrasingKey } from '../../src/core/match/phrasing-key.js';
import { isInDomain, knowledgePhrasings, loadEvalSets, type LabelledMessage } from '../eval/eval-sets.js';
import { engineVerdict } from '../eval/engine-verdict.js';
import { fitModels } from '../eval/fit.js';
import { scoreMessages, summarise, type ScoredMessage } from '../eval/score-sets.js';
import { ROOT } from '../helpers/run-node.js';

let core: Core;
let scored: ScoredMessage[];
let messages: LabelledMessage[];

beforeAll(() => {
  core = createCore(loadKnowledge(path.join(ROOT, 'knowledge')));
  messages = loadEvalSets(path.join(ROOT, 'tests/eval'), { knowledgePhrasings: knowledgePhrasings(core.knowledge.faq) });
  const faqOf = new Map(core.knowledge.comparison.map((d) => [d.id, d.faq]));
  scored = scoreMessages(messages, (m) => engineVerdict(core.index, m.text), faqOf);
});

const judged = (set?: string) => scored.filter((s) => s.m.part === 'test' && s.m.set !== 'tuning' && (set === undefined || s.m.set === set));

describe('evaluation data', () => {
  it('has real public questions (with their address) and channel traffic, in the sizes the measurement needs', () => {
    const pub = messages.filter((m) => m.set === 'public');
    expect(pub.filter(isInDomain).length).toBeGreaterThanOrEqual(100);
    expect(pub.filter((m) => !isInDomain(m)).length).toBeGreaterThanOrEqual(300);
    expect(pub.every((m) => m.url !== undefined && /^https?:\/\//.test(m.url)), 'every public question names its source').toBe(true);
    expect(messages.filter((m) => m.set === 'channel').length).toBeGreaterThanOrEqual(300);
  });

  it('labels every answerable message with ids that exist', () => {
    const ids = new Set(core.knowledge.faq.map((e) => e.id));
    const dims = new Set(core.knowledge.comparison.map((d) => `compare:${d.id}`));
    // `compare` among other ids: the whole comparison table answers it too.
    const unknown = messages.flatMap((m) => m.answers).filter((id) => !ids.has(id) && !dims.has(id) && id !== 'compare');
    expect(unknown).toEqual([]);
  });

  it('judges no message the knowledge or the fit already holds word for word', () => {
    const phrasings = knowledgePhrasings(core.knowledge.faq);
    const fitted = new Set(messages.filter((m) => m.part === 'fit').map((m) => phrasingKey(m.text)));
    const judgedMessages = messages.filter((m) => m.part === 'test');
    expect(judgedMessages.filter((m) => phrasings.has(phrasingKey(m.text)) || fitted.has(phrasingKey(m.text))).map((m) => m.text)).toEqual([]);
  });

  it('splits public and channel messages between fitting and judging, and judges the hold-out set only', () => {
    for (const set of ['public', 'channel'] as const) {
      const parts = new Set(messages.filter((m) => m.set === set).map((m) => m.part));
      expect([...parts].sort(), set).toEqual(['fit', 'test']);
    }
    const tuning = new Set(messages.filter((m) => m.set === 'tuning').map((m) => phrasingKey(m.text)));
    const holdoutFitted = messages.filter((m) => m.set === 'holdout' && m.part === 'fit');
    expect(holdoutFitted.filter((m) => !tuning.has(phrasingKey(m.text))).map((m) => m.text), 'hold-out messages are fitted only when our own set has them too').toEqual([]);
    expect(messages.filter((m) => m.set === 'holdout' && m.part === 'test').length).toBeGreaterThanOrEqual(120);
  });
});

describe('the committed model', () => {
  it('is what `npm run fit` produces from the committed data (weights are data, not hand edits)', () => {
    const { models, exemplars, wordScope, entryWords } = fitModels(ROOT);
    expect(exemplars).toEqual(fittedExemplars());
    expect(wordScope).toEqual(FITTED_WORD_SCOPE);
    expect(entryWords).toEqual(FITTED_ENTRY_WORDS);
    // Both are looked up by binary search (sorted-lookup.ts).
    for (const features of [wordScope.features, entryWords.features]) expect(features.every((f, i) => i === 0 || (features[i - 1] as string) < f)).toBe(true);
    for (const name of ['scope', 'rank', 'answer'] as const) {
      expect(models[name].features, name).toEqual([...FITTED_MODEL[name].features]);
      models[name].weights.forEach((w, i) => expect(w, `${name}.${models[name].features[i]}`).toBeCloseTo(FITTED_MODEL[name].weights[i] as number, 3));
    }
  }, 120_000);
});

describe('quality on data the fit never saw (floors a little below the measured figures; npm run eval prints them)', () => {
  it('answers in-domain questions with a right card', () => {
    const all = summarise(judged(), 'all');
    const holdout = summarise(judged('holdout'), 'holdout');
    // Lowered from 0.67 when the confidence was calibrated on real questions only and the third round
    // (its public questions mostly from issue trackers, 33% right) joined: answers moved to "did you mean".
    expect(all.right / all.inDomain).toBeGreaterThanOrEqual(0.62);
    // A wrong card is worse than a "did you mean": it is what the learned word models cut most.
    expect(all.wrong / all.inDomain).toBeLessThanOrEqual(0.1);
    // Off-topic messages of every set, answered by mistake.
    expect(all.offAnswered / all.offTopic).toBeLessThanOrEqual(0.03);
    expect(holdout.right / holdout.inDomain).toBeGreaterThanOrEqual(0.85);
  });

  it('stays silent on real off-topic questions and on channel traffic that asks nothing it covers', () => {
    const pub = summarise(judged('public'), 'public');
    const channel = summarise(judged('channel'), 'channel');
    expect(pub.offDeclined / pub.offTopic).toBeGreaterThanOrEqual(0.97);
    expect(pub.offAnswered / pub.offTopic).toBeLessThanOrEqual(0.01);
    expect(channel.offAnswered / channel.offTopic).toBeLessThanOrEqual(0.03);
  });

  it('stays silent on most of a later, stricter collection: questions near the subject that the articles do not cover', () => {
    const pub = summarise(judged('public-new'), 'public-new');
    const channel = summarise(judged('channel-new'), 'channel-new');
    expect(pub.offDeclined / pub.offTopic).toBeGreaterThanOrEqual(0.67);
    expect(channel.offAnswered / channel.offTopic).toBeLessThanOrEqual(0.07);
  });

  it('stays silent on the third round: issue-tracker questions and five companies\' channel traffic', () => {
    const pub = summarise(judged('public-4'), 'public-4');
    const channel = summarise(judged('channel-3'), 'channel-3');
    expect(pub.offDeclined / pub.offTopic).toBeGreaterThanOrEqual(0.93);
    expect(pub.offAnswered / pub.offTopic).toBeLessThanOrEqual(0.01);
    expect(channel.offAnswered / channel.offTopic).toBeLessThanOrEqual(0.02);
    expect(channel.right / channel.inDomain).toBeGreaterThanOrEqual(0.6);
  });

  it('at the help-channel bar (0.9), auto-answers almost none of the channel traffic that asks nothing it covers', () => {
    const channel = judged().filter((s) => s.m.set.startsWith('channel') && !isInDomain(s.m));
    const answered = channel.filter((s) => s.v.status === 'answered' && s.v.score >= 0.9);
    expect(channel.length).toBeGreaterThanOrEqual(200);
    // The target for channel traffic answered by mistake: 1%.
    expect(answered.length / channel.length).toBeLessThanOrEqual(0.01);
  });

  it('prints a probability: at least 90% of answers given with confidence ≥ 0.9 are right', () => {
    const sure = judged().filter((s) => s.v.status === 'answered' && s.v.score >= 0.9);
    expect(sure.length).toBeGreaterThanOrEqual(50);
    expect(sure.filter((s) => s.right).length / sure.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reports every confidence within 0..1', () => {
    for (const s of scored) {
      expect(s.v.score, s.m.text).toBeGreaterThanOrEqual(0);
      expect(s.v.score, s.m.text).toBeLessThanOrEqual(1);
    }
  });
});

describe('decisions', () => {
  const ask = (q: string) => core.ask(q, { platform: 'cli' });

  it('answers every slug and every knowledge phrasing exactly', () => {
    for (const e of core.knowledge.faq) {
      expect(ask(e.id).outcome).toMatchObject({ status: 'answered', id: e.id, score: 1 });
      for (const alias of e.aliases) expect(ask(alias).outcome.id, alias).toBe(e.id);
    }
  });

  it.each([
    ['when is a container a bad fit?', 'when-vm'],
    ['when are VMs overkill?', 'when-docker'],
    ['for the interview tomorrow, what is a hypervisor in simple words?', 'hypervisor'],
    ['heads up for the planning doc - in plain terms, what separates a container from a VM?', 'difference'],
    ['what is a container, technically?', 'what-is-a-container'],
    ['is docker a vm', 'is-docker-a-vm'],
    ['are vms dead', 'containers-replace-vms'],
    ['when should I use a VM? not sure', 'when-vm'],
    ["I don't understand when to use docker", 'when-docker'],
  ])('reads past contrast and lead-ins: %s → %s', (q, id) => {
    expect(ask(q).outcome).toMatchObject({ status: 'answered', id });
  });

  it.each([
    'kernel panic on my laptop',
    "what's a container ship's capacity",
    'docker swarm vs kubernetes',
    'thanks!',
    'deploying api v2 to the prod VMs now',
    '@everyone',
    '<!channel>',
    '🙂🙂🙂',
    'docker 이미지를 전체 삭제하는법',
    'Docker とVMの違いは何ですか',
    'compare security of iphone and android',
  ])(
    'stays silent on what it does not cover: %s',
    (q) => {
      expect(ask(q).outcome.status).toBe('declined');
    },
  );

  it.each(['how do I delete docker images', 'is vmware free', 'how much does an ec2 vm cost', 'how do I install docker on ubuntu'])('says a how-to or pricing question is outside what it covers, offering background only: %s', (q) => {
    const reply = ask(q);
    expect(reply.outcome.status).toBe('declined');
    expect(reply.card).toMatchObject({ kind: 'declined', reason: 'operations', title: 'Outside what I cover' });
    expect(reply.card.related).toHaveLength(1);
  });

  it('reads any word as a word: object-property names such as "constructor" are not special', () => {
    for (const q of ['when is a vm a bad fit for a constructor', 'constructor', 'what is a __proto__ toString', 'hasOwnProperty valueOf vs docker']) {
      expect(['answered', 'suggest', 'declined'], q).toContain(ask(q).outcome.status);
    }
  });

  it('never reads a question against one side as a question for it: the other side ranks first', () => {
    for (const [q, other, opposite] of [
      ['in which cases is a VM a bad idea?', 'when-docker', 'when-vm'],
      ['when would you not containerize an app?', 'when-vm', 'when-docker'],
      ['when is docker the wrong choice?', 'when-vm', 'when-docker'],
      ['when is a VM the wrong tool?', 'when-docker', 'when-vm'],
      ['is it ever a mistake to pick a VM?', 'when-docker', 'when-vm'],
    ] as const) {
      const { outcome } = core.ask(q, { platform: 'cli' }, { explain: true });
      expect(outcome.explanation?.candidates[0]?.id, q).toBe(other);
      expect(outcome.id, q).not.toBe(opposite);
    }
  });

  it('explains itself when asked: the reading, scope, candidates and the decision', () => {
    const { outcome } = core.ask('for the interview tomorrow, what is a hypervisor in simple words?', { platform: 'cli' }, { explain: true });
    expect(outcome.explanation?.reading).toBe('what is a hypervisor in simple words?');
    expect(outcome.explanation?.candidates[0]?.id).toBe('hypervisor');
    expect(outcome.explanation?.answer.probability).toBe(outcome.score);
    expect(outcome.explanation?.decision).toMatch(/^answer hypervisor/);
    expect(ask('why are containers lighter than vms').outcome.explanation).toBeUndefined();
  });

  it('bounds the work on a paste of invented words: a capped number of typo lookups', () => {
    const junk = Array.from({ length: 300 }, (_, i) => `zqx${i.toString(36)}vbn`).join(' ');
    let lookups = 0;
    const counting = { ...core.index, fix: (w: string) => (lookups++, core.index.fix(w)) };
    describeMessage(counting, junk);
    expect(lookups).toBe(MAX_SPELL_FIXES);
    expect(ask(junk).outcome.status).toBe('declined');
  });
});
