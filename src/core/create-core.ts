import { createHash } from 'node:crypto';
import { buildAnswerCard } from './build-cards.js';
import type { CardAction } from './card-actions.js';
import type { EntryRef } from './card.js';
import { askQuestion, type AskOptions } from './commands/ask.js';
import type { CommandContext, Reply } from './commands/command.js';
import { compareCommand } from './commands/compare.js';
import { COMMANDS, parseCommandText } from './commands/registry.js';
import { tipCommand } from './commands/tip.js';
import type { Knowledge } from './knowledge/schema.js';
import { autocompleteEntries } from './match/autocomplete.js';
import { buildMatchIndex } from './match/build-match-index.js';
import { committedModels } from './match/committed-models.js';
import type { MatchIndex } from './match/match-index.js';
import type { IndexData } from './match/index-data.js';
import type { TipVoteStore } from './tip-subscriptions.js';
import type { Platform, UsageRecorder } from './usage.js';

export interface RequestContext {
  platform: Platform;
  /** Platform user id; only ever stored hashed. */
  userId?: string;
}

export interface CoreOptions {
  recorder?: UsageRecorder;
  /** Where 👍/👎 on tip cards go (the store); without it they are accepted and not kept. */
  tipVotes?: Pick<TipVoteStore, 'recordTipVote'>;
  /**
   * Told when recording fails (database locked, disk full). Recording is
   * best-effort: the asker still gets the answer.
   */
  onRecordError?: (err: unknown, what: 'ask' | 'vote' | 'tip vote') => void;
  random?: () => number;
  clock?: () => Date;
  /** The match index an earlier start built from the same knowledge and engine: loaded, not built (see index-data.ts). */
  savedIndex?: IndexData;
}

/** The one object every adapter talks to. Platform-free. */
export interface Core {
  readonly knowledge: Knowledge;
  readonly index: MatchIndex;
  /** `/vmvc <text>`, Slack mentions and DMs: a command when the text is one, else a question. */
  respond(text: string, ctx: RequestContext): Reply;
  /** Always a question, never a command (`vmvc ask`, Discord's `ask`, the console's plain lines). */
  ask(question: string, ctx: RequestContext, options?: AskOptions): Reply;
  /** One entry by id, as an answer; undefined when there is no such entry. */
  show(entryId: string): Reply | undefined;
  compare(dimension: string): Reply;
  tip(id?: number): Reply;
  /** What a button click shows; votes are recorded and answered with undefined. */
  act(action: CardAction, ctx: RequestContext): Reply | undefined;
  /** False when the entry is gone, there is no user, or the store refused the write. */
  vote(entryId: string, vote: 'up' | 'down', ctx: RequestContext): Promise<boolean>;
  /** 👍/👎 on a tip card, one per user per tip; false when the tip is gone, there is no user, or the store refused. */
  voteTip(tipId: number, vote: 'up' | 'down', ctx: RequestContext): Promise<boolean>;
  autocomplete(text: string, limit?: number): EntryRef[];
}

/** At least one real word (three letters or more) and not mostly one-letter fragments. */
function looksLikeWords(normalized: string): boolean {
  const words = normalized.split(' ');
  const real = words.filter((w) => w.length >= 3).length;
  return real >= 1 && real / words.length >= 0.3;
}

/** A user id as stored: one-way, so the store cannot be turned back into people. */
export function hashUserId(platform: Platform, userId: string): string {
  return createHash('sha256').update(`vmvc:${platform}:${userId}`).digest('hex').slice(0, 32);
}

export function createCore(knowledge: Knowledge, options: CoreOptions = {}): Core {
  committedModels(); // weights fitted for other features stop the start, not the first question
  const index = buildMatchIndex(knowledge, options.savedIndex ? { saved: options.savedIndex } : {});
  const clock = options.clock ?? (() => new Date());
  const ctx: CommandContext = {
    knowledge,
    index,
    random: options.random ?? Math.random,
    usage: COMMANDS.map((c) => ({ usage: c.usage, summary: c.summary })),
  };
  // A store failure (or a slow server database) never costs the answer: asks are
  // recorded in the background, and a failed write is reported, not thrown.
  const safely = async (what: 'ask' | 'vote' | 'tip vote', write: () => Promise<void>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (err) {
      options.onRecordError?.(err, what);
      return false;
    }
  };
  const record = (reply: Reply, rc: RequestContext) => {
    const o = reply.outcome;
    const recorder = options.recorder;
    if (!recorder || o.normalized === undefined || o.normalized === '') return;
    // Keyboard mashing and binary junk would only bury the real gaps in the curators' report.
    if (o.status !== 'answered' && !looksLikeWords(o.normalized)) return;
    const entryId = o.id ?? o.suggestions[0]?.id;
    void safely('ask', () =>
      recorder.recordAsk({ platform: rc.platform, status: o.status, ...(entryId !== undefined && { entryId }), normalized: o.normalized as string, at: clock() }),
    );
  };

  const core: Core = {
    knowledge,
    index,
    respond(text, rc) {
      const { command, args } = parseCommandText(text);
      const reply = command.run(args, ctx);
      record(reply, rc);
      return reply;
    },
    ask(question, rc, askOptions) {
      const reply = askQuestion(question, ctx, askOptions);
      record(reply, rc);
      return reply;
    },
    show(entryId) {
      const entry = knowledge.faq.find((e) => e.id === entryId);
      if (!entry) return undefined;
      return { card: buildAnswerCard(knowledge, entry, 1), outcome: { status: 'answered', id: entry.id, title: entry.title, score: 1, suggestions: [] } };
    },
    compare: (dimension) => compareCommand.run(dimension, ctx),
    tip: (id) => tipCommand.run(id === undefined ? '' : String(id), ctx),
    act(action, rc) {
      switch (action.type) {
        case 'show':
        case 'share':
          return core.show(action.entryId);
        case 'compare':
          return core.compare(action.dimensionId);
        case 'vote':
          void core.vote(action.entryId, action.vote, rc);
          return undefined;
        case 'tipvote':
          void core.voteTip(action.tipId, action.vote, rc);
          return undefined;
      }
    },
    async vote(entryId, vote, rc) {
      const { recorder } = options;
      const userId = rc.userId;
      if (!knowledge.faq.some((e) => e.id === entryId) || userId === undefined) return false;
      if (!recorder) return true;
      return safely('vote', () => recorder.recordVote({ platform: rc.platform, entryId, vote, userHash: hashUserId(rc.platform, userId), at: clock() }));
    },
    async voteTip(tipId, vote, rc) {
      const userId = rc.userId;
      if (!knowledge.tips.some((t) => t.id === tipId) || userId === undefined) return false;
      const store = options.tipVotes;
      if (!store) return true;
      return safely('tip vote', () => store.recordTipVote({ platform: rc.platform, tipId, vote, userHash: hashUserId(rc.platform, userId), at: clock() }));
    },
    autocomplete: (text, limit) => autocompleteEntries(index, text, limit),
  };
  return core;
}
