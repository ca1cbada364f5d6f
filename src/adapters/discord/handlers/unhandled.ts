import type { RepliableInteraction } from '../reply.js';
import { sendReply } from '../reply.js';
import type { HandlerContext } from './handler-context.js';

/**
 * Interactions the bot has no handler for. Discord shows "The application did
 * not respond" after 3 s for any interaction left unanswered, which reads as
 * "the bot is down"; a short private reply says what to do instead. Most of
 * these come from a stale registration (an old command, context-menu entry or
 * option shape that `npm run discord:register` would replace), so the log line
 * tells the operator that.
 */
export type UnhandledKind = 'unknown-command' | 'bad-options' | 'context-menu' | 'modal' | 'component' | 'other';

const REPLY_TEXT: Record<UnhandledKind, string> = {
  'unknown-command': "That command isn't one of mine any more; use `/vmvc`.",
  'bad-options': "That command arrived without the options I expect (it may be out of date); try `/vmvc help`.",
  'context-menu': "I don't answer from this menu; use `/vmvc ask`.",
  modal: "That form isn't one of mine; use `/vmvc ask`.",
  component: 'That control no longer does anything; try `/vmvc ask`.',
  other: "I can't handle that here; try `/vmvc help`.",
};

const LOG_TEXT: Record<UnhandledKind, string> = {
  'unknown-command': 'a Discord command vmvc does not have; run `npm run discord:register` to replace stale registrations',
  'bad-options': 'a /vmvc command with missing or mistyped options; run `npm run discord:register` to replace the stale registration',
  'context-menu': 'a Discord context-menu command vmvc never registered; run `npm run discord:register` to remove it',
  modal: 'a Discord modal vmvc never opened',
  component: 'a Discord component vmvc never sent',
  other: 'a Discord interaction type vmvc does not handle',
};

/** Answers privately and logs one line; details are ids and names, never what the member typed. */
export async function answerUnhandled(
  interaction: RepliableInteraction,
  ctx: HandlerContext,
  kind: UnhandledKind,
  details: Record<string, unknown> = {},
): Promise<void> {
  ctx.log.warn({ unhandled: kind, interactionId: interaction.id, type: interaction.type, ...details }, `answered ${LOG_TEXT[kind]}`);
  await sendReply(interaction, { content: REPLY_TEXT[kind] }, { ephemeral: true });
}
