import { DiscordAPIError, DiscordjsErrorCodes, RESTJSONErrorCodes, RateLimitError } from 'discord.js';
import { PostError } from '../adapter.js';
import { neverReachedServer } from '../../core/post-error.js';
import { REQUIRED_PERMISSION_NAMES } from './permissions.js';

/** What went wrong talking to Discord, in one line an operator can act on, and whether it is worth a warning or an error. */
export interface DiscordFailure {
  level: 'warn' | 'error';
  reason: string;
  code?: number | string;
}

export function describeDiscordError(err: unknown): DiscordFailure {
  if (err instanceof RateLimitError) {
    return {
      level: 'warn',
      reason: `rate limited by Discord on ${err.method.toUpperCase()} ${err.route} (retry in ${err.retryAfter} ms${err.global ? ', global' : ''})`,
      code: 429,
    };
  }
  if (err instanceof DiscordAPIError) {
    switch (err.code) {
      case RESTJSONErrorCodes.UnknownInteraction:
        return { level: 'warn', code: err.code, reason: 'interaction expired or unknown (10062): the reply came after Discord\'s 3-second window' };
      case RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged:
        return { level: 'warn', code: err.code, reason: 'interaction was already acknowledged (40060)' };
      case RESTJSONErrorCodes.MissingPermissions:
        return { level: 'warn', code: err.code, reason: `missing permissions (50013): the bot needs ${REQUIRED_PERMISSION_NAMES} in that channel` };
      case RESTJSONErrorCodes.MissingAccess:
        return { level: 'warn', code: err.code, reason: `missing access (50001): the bot cannot see that channel (it needs ${REQUIRED_PERMISSION_NAMES} there)` };
      case RESTJSONErrorCodes.UnknownChannel:
        return { level: 'warn', code: err.code, reason: 'unknown channel (10003)' };
      default:
        return {
          level: 'error',
          code: err.code,
          reason: `Discord API error ${err.code} (HTTP ${err.status}) on ${err.method.toUpperCase()} ${redactUrl(err.url)}: ${err.message}`,
        };
    }
  }
  if (err instanceof Error) return { level: 'error', reason: err.message, ...('code' in err && { code: String(err.code) }) };
  return { level: 'error', reason: String(err) };
}

/** Interaction and webhook URLs carry a token that can post for 15 minutes: keep it out of logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/(interactions|webhooks)\/(\d+)\/[^/?]+/g, '/$1/$2/:token');
}

/** Fields worth logging about a failure; DiscordAPIError's own fields include the token-bearing URL and the whole request body. */
export function errorLogFields(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError) return { status: err.status, method: err.method, url: redactUrl(err.url) };
  if (err instanceof RateLimitError) return { route: err.route, method: err.method, retryAfterMs: err.retryAfter, global: err.global };
  return { err };
}

/** True for the login failure an operator fixes by replacing the token. */
export function isInvalidTokenError(err: unknown): boolean {
  if (err instanceof DiscordAPIError) return err.status === 401;
  return err instanceof Error && 'code' in err && err.code === DiscordjsErrorCodes.TokenInvalid;
}

/** Maps a failed channel post to the codes the tip scheduler understands. */
export function toPostError(err: unknown, channelId: string): PostError {
  if (err instanceof RateLimitError) {
    return new PostError('rate_limited', `Discord rate limit posting to ${channelId}`, err.retryAfter);
  }
  if (err instanceof DiscordAPIError) {
    const where = `posting to Discord channel ${channelId}`;
    if (err.code === RESTJSONErrorCodes.UnknownChannel || err.status === 404) {
      return new PostError('channel_not_found', `Unknown channel ${where}: check DISCORD_TIP_CHANNELS`);
    }
    if (err.code === RESTJSONErrorCodes.MissingAccess) return new PostError('not_in_channel', `No access ${where}: add the bot to that channel; it needs ${REQUIRED_PERMISSION_NAMES} there`);
    if (err.code === RESTJSONErrorCodes.MissingPermissions) {
      return new PostError('missing_permissions', `Missing permissions ${where}: the bot needs ${REQUIRED_PERMISSION_NAMES} there`);
    }
    if (err.status === 401) return new PostError('invalid_auth', `Discord rejected the token ${where}`);
    if (err.status === 429) return new PostError('rate_limited', `Discord rate limit ${where}`);
    return new PostError('unknown', `Discord API error ${err.code} (HTTP ${err.status}) ${where}: ${err.message}`);
  }
  return new PostError(neverReachedServer(err) ? 'not_sent' : 'unknown', `Posting to Discord channel ${channelId} failed: ${err instanceof Error ? err.message : String(err)}`);
}
