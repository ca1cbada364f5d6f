import type { Core } from '../../core/create-core.js';
import { matchQuestion } from '../../core/match/match-question.js';
import type { ReportStore } from '../../core/storage.js';
import { HOME_CURATOR_LIST_MAX, type HomeCuratorSummary } from '../../render/slack-home.js';
import { buildReport } from '../cli/commands/report.js';

/** The Home tab's window: "this week". */
export const HOME_SUMMARY_DAYS = 7;

/**
 * The store's report queries take a limit; counting every row in the window
 * means asking for all of them. Each row is one entry or one distinct question.
 */
const ALL_ROWS = 1_000_000;

/**
 * The store keeps not-answered questions with their normalised text but
 * without the suggest/declined split (ReportStore has no such query), so the
 * split is the engine's reading of that text now. Past this many distinct
 * questions that costs too much for a tab opening; the summary then shows
 * "suggested or declined" as one share.
 */
export const SPLIT_MAX_QUESTIONS = 500;

/** The curator summary, from the same report the CLI prints (`vmvc report`), plus this week's totals. */
export async function buildCuratorSummary(store: ReportStore, core: Core, now: Date): Promise<HomeCuratorSummary> {
  const report = await buildReport(store, core, { days: HOME_SUMMARY_DAYS, limit: HOME_CURATOR_LIST_MAX, now });
  const answered = (await store.mostAskedEntries(report.since, ALL_ROWS)).reduce((n, r) => n + r.count, 0);
  const questions = await store.unansweredQuestions(report.since, ALL_ROWS);
  const notAnswered = questions.reduce((n, q) => n + q.count, 0);
  let split: HomeCuratorSummary['split'];
  if (questions.length <= SPLIT_MAX_QUESTIONS) {
    const declined = questions.filter((q) => matchQuestion(core.index, q.normalized).status === 'declined').reduce((n, q) => n + q.count, 0);
    split = { suggested: notAnswered - declined, declined };
  }
  return {
    days: HOME_SUMMARY_DAYS,
    total: answered + notAnswered,
    answered,
    ...(split !== undefined && { split }),
    mostAsked: report.asked,
    downvoted: report.downvoted,
    unanswered: report.unanswered.map((q) => ({
      normalized: q.normalized,
      count: q.count,
      ...(q.closest !== undefined && { closest: { id: q.closest.id, title: q.closest.title } }),
    })),
  };
}
