import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { renderSlackBlocks } from '../../../render/slack-blocks.js';
import { describeSlackError } from '../slack-errors.js';
import { parseSlashText } from '../parse-slack-text.js';
import type { ListenerDeps } from './listener-deps.js';

/**
 * `/vmvc …`: the answer goes in the ack itself, ephemeral. The core is
 * synchronous and fast, so this stays well inside Slack's 3-second window
 * and needs no Web API call at all.
 */
export async function handleSlashCommand(
  { command, ack }: Pick<SlackCommandMiddlewareArgs, 'command' | 'ack'>,
  deps: ListenerDeps,
): Promise<void> {
  let message;
  try {
    const { text, target } = parseSlashText(command.text ?? '');
    const reply = deps.core.respond(text, { platform: 'slack', userId: command.user_id });
    message = renderSlackBlocks(reply.card, { shareable: true, ...(target !== undefined && { target }) });
    deps.log.debug({ outcome: reply.outcome.status, id: reply.outcome.id }, 'slash command answered');
  } catch (err) {
    deps.log.error({ err }, 'slash command failed in the core');
    await ack({ response_type: 'ephemeral', text: 'Sorry, something went wrong answering that. Try /vmvc help.' });
    return;
  }
  try {
    await ack({ response_type: 'ephemeral', ...message });
  } catch (err) {
    deps.log.error({ err }, `could not acknowledge /vmvc: ${describeSlackError(err).message}`);
  }
}
