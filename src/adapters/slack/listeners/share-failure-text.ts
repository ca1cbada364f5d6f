import { hintFor, type SlackFailure } from '../slack-errors.js';

/**
 * What the sharer reads when Share in channel did not surely post: what
 * happened and what to do, in plain words. Slack's error string stays in
 * brackets only where Slack refused outright, since a workspace admin can look
 * that one up.
 */
export function shareFailureText(f: SlackFailure): string {
  if (f.code === 'rate_limited') {
    const seconds = Math.ceil((f.retryAfterMs ?? 0) / 1000);
    return `Slack is limiting how fast I can post right now, so nothing was posted. Try Share again ${seconds > 0 ? `in ${seconds} seconds` : 'in a minute'}.`;
  }
  switch (f.delivery) {
    case 'unknown':
      return 'Slack did not confirm the post, so it may or may not have been posted. Please check the channel before you share again.';
    case 'not_sent':
      return 'I could not reach Slack, so nothing was posted. Try Share again in a moment.';
    case 'refused':
      return `Sorry, I could not post that here: ${hintFor(f.code) ?? 'Slack refused the post'} (${f.code}).`;
  }
}
