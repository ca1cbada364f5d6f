import type { Core } from '../../../core/create-core.js';
import type { EntryCount, EntryVotes, QuestionCount, ReportStore } from '../../../core/storage.js';
import type { TipVotes, TipVoteStore } from '../../../core/tip-subscriptions.js';
import { matchQuestion } from '../../../core/match/match-question.js';
import { SUGGEST_SCOPE_AT, SUGGESTION_MIN } from '../../../core/match/decision-policy.js';
import { cliConfig, openStoreFor } from '../../../store/store-for-cli.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { dataFolderLine } from '../data-folder.js';
import { coreFor } from '../load-core.js';
import { parseFlags } from '../parse-flags.js';

const DAY_MS = 86_400_000;

export interface ReportOptions {
  days: number;
  limit: number;
  now: Date;
}

export interface UnansweredLine extends QuestionCount {
  /** The existing entry the question is closest to: add it there as an alias. Undefined: a new entry is needed. */
  closest?: { id: string; title: string; score: number };
  /** Declined on purpose: how-to, troubleshooting, install or pricing, which the bot does not cover (no entry wanted). */
  outsideScope?: boolean;
}

export interface ReportData {
  since: Date;
  asked: (EntryCount & { title?: string })[];
  downvoted: (EntryVotes & { title?: string })[];
  unanswered: UnansweredLine[];
  /** Daily tips by their 👍/👎, most liked first. */
  tips: (TipVotes & { text?: string })[];
}

/** The report's figures; pure over the store and the knowledge. */
export async function buildReport(store: ReportStore & Partial<Pick<TipVoteStore, 'tipVotes'>>, core: Core, options: ReportOptions): Promise<ReportData> {
  const since = new Date(options.now.getTime() - options.days * DAY_MS);
  const title = (id: string) => {
    if (id === 'compare') return 'the whole comparison table';
    // Comparison answers are stored as compare:<dimension>[,<dimension>…].
    if (id.startsWith('compare:')) {
      const names = id.slice('compare:'.length).split(',').map((d) => core.knowledge.comparison.find((c) => c.id === d)?.name ?? d);
      return `comparison: ${names.join(', ')}`;
    }
    return core.knowledge.faq.find((e) => e.id === id)?.title;
  };
  const withTitle = <T extends { entryId: string }>(row: T) => {
    const t = title(row.entryId);
    return t === undefined ? row : { ...row, title: t };
  };
  const [asked, downvoted, unanswered, tipVotes] = await Promise.all([
    store.mostAskedEntries(since, options.limit),
    store.mostDownvotedEntries(since, options.limit),
    store.unansweredQuestions(since, options.limit),
    // The Home tab's summary passes only the report figures; tips by votes are the CLI report's.
    store.tipVotes?.(since, options.limit) ?? Promise.resolve([]),
  ]);
  return {
    since,
    tips: tipVotes.map((v) => {
      const text = core.knowledge.tips.find((t) => t.id === v.tipId)?.text;
      return text === undefined ? v : { ...v, text };
    }),
    asked: asked.map(withTitle),
    downvoted: downvoted.map(withTitle),
    unanswered: unanswered.map((q) => {
      const result = matchQuestion(core.index, q.normalized);
      if (result.status === 'declined' && result.reason === 'operations') return { ...q, outsideScope: true };
      const best = result.candidates[0];
      // Only a question for us has a closest entry worth an alias; pizza has none.
      const ours = result.status !== 'declined' || result.scope >= SUGGEST_SCOPE_AT;
      const entry = best && ours && best.score >= SUGGESTION_MIN ? core.knowledge.faq.find((e) => e.id === best.id) : undefined;
      return entry && best ? { ...q, closest: { id: entry.id, title: entry.title, score: best.score } } : q;
    }),
  };
}

export function formatReport(data: ReportData, days: number): string {
  const named = (r: { entryId: string; title?: string }) => (r.title === undefined ? r.entryId : `${r.entryId} (${r.title})`);
  const lines = [`vmvc report: the last ${days} day${days === 1 ? '' : 's'} (since ${data.since.toISOString().slice(0, 16).replace('T', ' ')} UTC)`, ''];
  lines.push('Most asked entries:');
  if (data.asked.length === 0) lines.push('  (none)');
  data.asked.forEach((r, i) => lines.push(`  ${i + 1}. ${named(r)}: ${r.count} asked`));
  lines.push('', 'Entries with the most 👎:');
  if (data.downvoted.length === 0) lines.push('  (none)');
  data.downvoted.forEach((r, i) => lines.push(`  ${i + 1}. ${named(r)}: ${r.down} 👎, ${r.up} 👍`));
  lines.push('', 'Most frequent unanswered questions:');
  if (data.unanswered.length === 0) lines.push('  (none)');
  data.unanswered.forEach((q, i) => {
    lines.push(`  ${i + 1}. "${q.normalized}": ${q.count} time${q.count === 1 ? '' : 's'}`);
    lines.push(
      q.outsideScope
        ? '     outside what the bot covers (operating, troubleshooting, installing or pricing): declined on purpose, no entry needed'
        : q.closest
          ? `     closest entry: ${q.closest.id} (${q.closest.title}): add the question to its aliases in knowledge/faq.yaml`
          : '     no close entry: new entry needed',
    );
  });
  lines.push('', 'Daily tips by votes:');
  if (data.tips.length === 0) lines.push('  (none)');
  data.tips.forEach((t, i) => {
    const text = t.text === undefined ? '(no longer in the knowledge)' : t.text.length > 60 ? `${t.text.slice(0, 59)}…` : t.text;
    lines.push(`  ${i + 1}. tip #${t.tipId}: ${t.up} 👍, ${t.down} 👎: ${text}`);
  });
  return lines.join('\n');
}

function positiveInt(value: string | undefined, flag: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value)) throw new UsageError(`${flag} must be a whole number from 1 to ${max}`);
  if (n < 1 || n > max) throw new UsageError(`${flag} ${value.trim()} is out of range: give a whole number from 1 to ${max}`);
  return n;
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'vmvc report [--days N] [--limit N]',
  help:
    'For the last N days (default 7) from the bot database in DATA_DIR (default ./data in the working directory;\n' +
    'the folder used is printed last): the most asked entries, the entries\n' +
    'with the most 👎, and the most frequent questions the bot could not answer (grouped by normalised text),\n' +
    'each with the closest existing entry to add it to as an alias, or "new entry needed"; and the daily tips by 👍/👎.\n' +
    'Questions are only kept while STORE_QUESTIONS is on (the default).',
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { days: { type: 'string' }, limit: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const days = positiveInt(values.days, '--days', 7, 3650);
    const limit = positiveInt(values.limit, '--limit', 10, 1000);
    const config = cliConfig(io.env);
    const core = await coreFor(io.env);
    const store = await openStoreFor(config);
    try {
      const data = await buildReport(store, core, { days, limit, now: new Date() });
      io.stdout.write(`${formatReport(data, days)}\n\n${dataFolderLine(config)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
