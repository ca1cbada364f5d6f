import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import type { SlackMessage } from '../../../render/slack-blocks.js';
import { describeSlackError } from '../slack-errors.js';

/** A private reply through the response_url; failures are logged, never thrown (the click was already acked). */
export async function replyEphemeral(respond: RespondFn, message: SlackMessage | string, log: Logger, replaceOriginal = false): Promise<void> {
  const body = typeof message === 'string' ? { text: message } : message;
  try {
    await respond({ response_type: 'ephemeral', replace_original: replaceOriginal, ...body });
  } catch (err) {
    log.error({ err }, `could not reply through response_url: ${describeSlackError(err).message}`);
  }
}
