import { askQuestion } from './commands/ask.js';
import type { Outcome, Reply } from './commands/command.js';
import type { Core, RequestContext } from './create-core.js';
import type { Platform } from './usage.js';

/**
 * Help-channel mode: in a channel an admin opted in, the bot reads new
 * top-level messages and answers in a thread, but only when the engine is
 * sure. The rules that must hold across bot copies (one auto-reply per thread,
 * a per-channel rate) are claims in the store, like the repeat guard's.
 */

/** Settings a person chooses (config), not fitted numbers. */
export interface AutoAnswerPolicy {
  /** AUTOANSWER_MIN_CONFIDENCE: the calibrated probability an answer needs to be posted unasked. */
  minConfidence: number;
  /** AUTOANSWER_MAX_PER_WINDOW: auto-replies per channel per window. */
  maxPerWindow: number;
  /** The window of the rate limit, in seconds (10 minutes). */
  windowSeconds: number;
}

export type AutoReplyClaim = { claimed: true } | { claimed: false; reason: 'already-replied' | 'rate-limited' };

export interface HelpChannelStore {
  isHelpChannel(platform: Platform, channelId: string): Promise<boolean>;
  /** `byHash` is the one-way hash of who switched it (hashUserId), never the id. */
  setHelpChannel(platform: Platform, channelId: string, on: boolean, byHash: string | undefined, now: Date): Promise<void>;
  /**
   * Claims the one auto-reply of `threadId`, unless the thread already has one
   * or the channel has had `maxPerWindow` within the window; under one write lock.
   */
  claimAutoReply(platform: Platform, channelId: string, threadId: string, now: Date, policy: Pick<AutoAnswerPolicy, 'maxPerWindow' | 'windowSeconds'>): Promise<AutoReplyClaim>;
  /**
   * The posted reply's id, once the platform confirmed it, and the entry (or comparison) it
   * answered with: a daily tip skips a topic answered in the channel within a day, threads included.
   */
  confirmAutoReply(platform: Platform, channelId: string, threadId: string, messageRef: string, answerRef: string): Promise<void>;
  /** Drops a claim whose post surely never went out (refused, never reached the platform). */
  releaseAutoReply(platform: Platform, channelId: string, threadId: string): Promise<void>;
}

/** Sure enough to speak unasked: an answer (not "did you mean", not a decline) at or above the bar. */
export function isConfidentAnswer(outcome: Outcome, minConfidence: number): boolean {
  return outcome.status === 'answered' && outcome.score >= minConfidence;
}

/**
 * The auto-answer for a channel message, or undefined to stay quiet. The probe
 * is not recorded: chatter nobody addressed to the bot does not belong in the
 * curators' report. Only a message the bot answers is asked again through the
 * core (the engine is deterministic, so it is the same answer), which records it.
 */
export function autoAnswerFor(core: Core, text: string, rc: RequestContext, minConfidence: number): Reply | undefined {
  if (text.trim() === '') return undefined;
  const probe = askQuestion(text, { knowledge: core.knowledge, index: core.index, random: () => 0, usage: [] });
  if (!isConfidentAnswer(probe.outcome, minConfidence)) return undefined;
  const reply = core.ask(text, rc);
  return isConfidentAnswer(reply.outcome, minConfidence) ? reply : undefined;
}

/** `autoanswer on|off|status` (the Slack slash text, the Discord subcommand's option). */
export type AutoAnswerMode = 'on' | 'off' | 'status';

/** The mode from the text after `autoanswer`; undefined when it is none of the three. Empty means status. */
export function parseAutoAnswerMode(text: string): AutoAnswerMode | undefined {
  const word = text.trim().toLowerCase();
  if (word === '' || word === 'status') return 'status';
  if (word === 'on' || word === 'off') return word;
  return undefined;
}

/** What `status` (and a switch) says, the same on both platforms. */
export function autoAnswerStatusText(on: boolean, policy: AutoAnswerPolicy): string {
  const pct = Math.round(policy.minConfidence * 100);
  const minutes = Math.round(policy.windowSeconds / 60);
  return on
    ? `Auto-answer is on in this channel: I reply in a thread to new messages I am at least ${pct}% sure I can answer (once per thread, at most ${policy.maxPerWindow} every ${minutes} minutes). Anyone can press *Not helpful* on my reply: the asker or an admin removes it.`
    : 'Auto-answer is off in this channel: I answer only when asked (/vmvc, a mention, or Answer with vmvc on a message).';
}
