import type { App, BlockAction, ButtonAction, MessageShortcut } from '@slack/bolt';
import { SLACK_DISMISS_ACTION, SLACK_REPLY_IN_THREAD_ACTION } from '../../../render/slack-blocks.js';
import { SLACK_HOME_ACTION_PATTERN } from '../../../render/slack-home.js';
import { SLACK_NOT_HELPFUL_ACTION } from '../auto-reply-blocks.js';
import { describeSlackError } from '../slack-errors.js';
import { handleAppHomeOpened, handleHomeAction } from './app-home.js';
import { handleAppMention } from './app-mention.js';
import { handleAutoAnswerCommand, isAutoAnswerCommand } from './autoanswer-command.js';
import { CARD_ACTION_PATTERN, handleBlockAction } from './block-actions.js';
import { handleDirectMessage } from './direct-message.js';
import { handleDismiss } from './dismiss.js';
import { handleHelpChannelMessage } from './help-channel-message.js';
import type { ListenerDeps } from './listener-deps.js';
import { ANSWER_MESSAGE_CALLBACK, handleMessageShortcut } from './message-shortcut.js';
import { handleNotHelpful } from './not-helpful.js';
import { handleReplyInThread } from './reply-in-thread.js';
import { retryFilter } from './retry-filter.js';
import { DeliveryFilter } from '../delivery-filter.js';
import { handleSlashCommand } from './slash-command.js';
import { handleTipsCommand, isTipsCommand } from './tips-command.js';

export const SLASH_COMMAND = '/vmvc';

/** Wires every listener, the retry filter and the error handler onto the app. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.use(retryFilter(deps.log, new DeliveryFilter(), deps.deliveries, deps.clock));
  app.command(SLASH_COMMAND, (args) =>
    isAutoAnswerCommand(args.command.text)
      ? handleAutoAnswerCommand(args, deps)
      : isTipsCommand(args.command.text)
        ? handleTipsCommand(args, deps)
        : handleSlashCommand(args, deps),
  );
  app.action<BlockAction<ButtonAction>>(CARD_ACTION_PATTERN, (args) => handleBlockAction(args, deps));
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: ANSWER_MESSAGE_CALLBACK }, (args) => handleMessageShortcut(args, deps));
  app.action<BlockAction<ButtonAction>>(SLACK_REPLY_IN_THREAD_ACTION, (args) => handleReplyInThread(args, deps));
  app.action<BlockAction<ButtonAction>>(SLACK_DISMISS_ACTION, (args) => handleDismiss(args, deps));
  app.event('app_mention', (args) => handleAppMention(args, deps));
  app.action<BlockAction<ButtonAction>>(SLACK_NOT_HELPFUL_ACTION, (args) => handleNotHelpful(args, deps));
  app.event('message', (args) => handleDirectMessage(args, deps));
  app.event('message', (args) => handleHelpChannelMessage(args, deps));
  app.event('app_home_opened', (args) => handleAppHomeOpened(args, deps));
  app.action<BlockAction<ButtonAction>>(SLACK_HOME_ACTION_PATTERN, (args) => handleHomeAction(args, deps));

  // Whatever a listener lets escape: one clear line, never rethrown (that would reach the receiver, or crash Socket Mode).
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    const f = describeSlackError(original);
    deps.log.error({ code: error.code, slackCode: f.code }, `Slack listener error: ${f.message}`);
  });
}
