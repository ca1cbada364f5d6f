import { webApi } from '@slack/bolt';
import { PostError, StartupError } from '../adapter.js';
import { neverReachedServer } from '../../core/post-error.js';

/**
 * One place that reads the Web API's error shapes (platform `error` strings,
 * rate limits, HTTP and network failures) and turns them into our stable codes
 * and one-line explanations.
 */
export interface SlackFailure {
  /** Slack's own error string (`channel_not_found`), or `rate_limited`, `http_<status>`, `request_error`, `unknown`. */
  code: string;
  /** What happened and what to do, in one line. */
  message: string;
  retryAfterMs?: number;
}

const HINTS: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the bot cannot see it (private channels need /invite @vmvc)',
  not_in_channel: 'the bot is not a member of that channel: /invite @vmvc there',
  is_archived: 'the channel is archived',
  missing_scope: 'the app lacks a scope: reinstall it from slack/manifest.json',
  invalid_auth: 'the token is not valid: check SLACK_BOT_TOKEN',
  not_authed: 'no token was sent: check SLACK_BOT_TOKEN',
  account_inactive: 'the token belongs to a deleted app or user: reinstall the app',
  token_revoked: 'the token was revoked: reinstall the app and copy the new token',
  restricted_action: 'a workspace admin setting blocks the bot from posting there',
  msg_too_long: 'the message is too long for Slack',
  invalid_blocks: 'Slack rejected the message layout (a Block Kit limit was exceeded)',
};

export function describeSlackError(err: unknown): SlackFailure {
  if (err instanceof webApi.WebAPIRateLimitedError) {
    return { code: 'rate_limited', message: `Slack rate limit hit: retry after ${err.retryAfter}s`, retryAfterMs: err.retryAfter * 1000 };
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    const retrySec = err.data.response_metadata?.retryAfter;
    return {
      code,
      message: `Slack answered ${code}${HINTS[code] ? `: ${HINTS[code]}` : ''}`,
      ...(typeof retrySec === 'number' && { retryAfterMs: retrySec * 1000 }),
    };
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    return { code: `http_${err.statusCode}`, message: `Slack Web API answered HTTP ${err.statusCode} ${err.statusMessage}` };
  }
  if (err instanceof webApi.WebAPIRequestError) {
    // fetch hides the reason ("fetch failed") in its cause: ECONNREFUSED, ENOTFOUND…
    const cause = (err.original as Error & { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return { code: 'request_error', message: `Could not reach the Slack Web API: ${err.original.message}${detail !== undefined ? ` (${detail})` : ''}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  // The client's own 429 handling ends in a plain Error once its retries run out.
  if (/rate limit was exceeded/i.test(message)) return { code: 'rate_limited', message: `Slack rate limit hit and retries ran out: ${message}` };
  return { code: 'unknown', message };
}

/** The tip scheduler's view of a failed post: retry later, or give up on that channel. */
export function toPostError(err: unknown, channelId: string): PostError {
  const f = describeSlackError(err);
  const code: PostError['code'] =
    f.code === 'rate_limited'
      ? 'rate_limited'
      : f.code === 'channel_not_found' || f.code === 'is_archived'
        ? 'channel_not_found'
        : f.code === 'not_in_channel'
          ? 'not_in_channel'
          : f.code === 'missing_scope' || f.code === 'restricted_action'
            ? 'missing_permissions'
            : f.code === 'invalid_auth' || f.code === 'not_authed' || f.code === 'token_revoked' || f.code === 'account_inactive'
              ? 'invalid_auth'
              : neverReachedServer(err)
                ? 'not_sent'
                : 'unknown';
  return new PostError(code, `Posting to Slack channel ${channelId} failed: ${f.message}`, f.retryAfterMs);
}

const AUTH_CODES = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'token_expired']);

/** auth.test / apps.connections.open failing at start-up: one line the operator can act on. */
export function toStartupError(err: unknown, step: 'bot' | 'app', apiUrl: string | undefined): StartupError {
  const f = describeSlackError(err);
  if (AUTH_CODES.has(f.code)) {
    return step === 'bot'
      ? new StartupError(`Slack rejected SLACK_BOT_TOKEN (${f.code}): check the Bot User OAuth Token (xoxb-) under OAuth & Permissions`)
      : new StartupError(`Slack rejected SLACK_APP_TOKEN (${f.code}): check the App-Level Token (xapp-) has the connections:write scope`);
  }
  const where = apiUrl ?? 'https://slack.com/api/';
  return new StartupError(`Slack start-up failed at ${step === 'bot' ? 'auth.test' : 'apps.connections.open'} (${where}): ${f.message}`);
}
