/**
 * `npm run eval`: the answer engine on every evaluation set, judged on the part
 * the fit never saw (and, for contrast, on the part it was fitted on).
 * `--misses` lists what went wrong on the fitting half (`--part test` for the judged half); `--before <dir>` scores another checkout's
 * `vmvc ask --json` on the same messages, for a before/after table.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../../src/core/knowledge/load.js';
import { buildMatchIndex } from '../../src/core/match/build-match-index.js';
import { knowledgePhrasings, loadEvalSets, SET_NAMES, type LabelledMessage } from './eval-sets.js';
import { engineVerdict } from './engine-verdict.js';
import { formatBarTradeOff, formatHelpChannel, formatReliability, formatTable, scoreMessages, summarise, type EngineVerdict, type ScoredMessage } from './score-sets.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function cliVerdicts(dir: string, messages: readonly LabelledMessage[]): Map<string, EngineVerdict> {
  const input = messages.map((m) => m.text.replace(/\s*\n\s*/g, ' ')).join('\n') + '\n';
  const run = spawnSync(process.execPath, [path.join(dir, 'dist/src/adapters/cli/bin.js'), 'ask', '--json'], { input, maxBuffer: 1 << 28, encoding: 'utf8' });
  const lines = run.stdout.trim().split('\n');
  const out = new Map<string, EngineVerdict>();
  messages.forEach((m, i) => {
    const o = JSON.parse(lines[i] ?? '{}') as { status: EngineVerdict['status']; id: string | null; score: number; suggestions?: { id: string }[] };
    out.set(m.text, { status: o.status, id: o.id ?? o.suggestions?.[0]?.id ?? null, score: o.score, offered: (o.suggestions ?? []).map((x) => x.id) });
  });
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false }, before: { type: 'string' }, set: { type: 'string' }, part: { type: 'string', default: 'fit' } } });
  const knowledge = loadKnowledge(path.join(ROOT, 'knowledge'));
  const faqOf = new Map(knowledge.comparison.map((d) => [d.id, d.faq]));
  const all = loadEvalSets(path.join(ROOT, 'tests/eval'), { knowledgePhrasings: knowledgePhrasings(knowledge.faq) });
  let verdictOf: (m: LabelledMessage) => EngineVerdict;
  if (values.before !== undefined) {
    const verdicts = cliVerdicts(path.resolve(values.before), all);
    verdictOf = (m) => verdicts.get(m.text) as EngineVerdict;
  } else {
    const index = buildMatchIndex(knowledge);
    verdictOf = (m) => engineVerdict(index, m.text);
  }
  const scored = scoreMessages(all, verdictOf, faqOf);
  for (const part of ['test', 'fit'] as const) {
    const inPart = scored.filter((s) => s.m.part === part);
    const rows = SET_NAMES.map((set) => summarise(inPart.filter((s) => s.m.set === set), set)).filter((r) => r.inDomain + r.offTopic > 0);
    const unseen = inPart.filter((s) => s.m.set !== 'tuning');
    if (part === 'test') rows.push(summarise(unseen, 'all'));
    process.stdout.write(`\n${part === 'test' ? 'Judged on data the fit never saw' : 'On the data the fit was fitted on (for contrast only)'}\n${formatTable(rows)}\n`);
    if (part === 'test') {
      process.stdout.write(`\nReliability (data the fit never saw)\n${formatReliability(unseen)}\n`);
      // Our own holdout set reads like the knowledge; the README's figures are for what others write.
      process.stdout.write(`\nReliability on questions written outside the project only (holdout left out)\n${formatReliability(unseen.filter((s) => s.m.set !== 'holdout'))}\n`);
      process.stdout.write(`\nAnswer bar trade-off (data the fit never saw)\n${formatBarTradeOff(unseen)}\n`);
      process.stdout.write(`${formatHelpChannel(unseen)}\n`);
    }
  }
  if (values.misses) {
    // The fitting half's misses by default: the ones a curator may learn from without spoiling the judged half.
    // --part test lists the judged half's, which turns them into fitted data for whoever reads them.
    const wanted = (s: ScoredMessage) => s.m.part === values.part && (values.set === undefined || s.m.set === values.set);
    for (const s of scored.filter(wanted)) {
      const inDomain = s.m.answers.length > 0 || s.m.wholeTable;
      const bad = inDomain ? !(s.v.status === 'answered' && s.right) : s.v.status !== 'declined';
      if (bad) process.stdout.write(`${s.m.set.padEnd(8)} want ${(inDomain ? s.m.answers.join('|') || 'compare' : 'off').padEnd(28)} got ${s.v.status.padEnd(9)} ${String(s.v.id).padEnd(24)} ${s.v.score.toFixed(2)}  ${s.m.text.slice(0, 110).replace(/\n/g, ' ')}\n`);
    }
  }
}

main();
