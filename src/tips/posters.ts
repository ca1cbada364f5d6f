// discord.js re-exports the CJS build of @discordjs/rest; importing it from there keeps its error classes the ones discord-errors.ts checks with instanceof.
import { REST } from 'discord.js';
import { WebClient } from '@slack/web-api';
import type { DiscordConfig, SlackConfig } from '../config.js';
import type { Logger } from '../log.js';
import { toPostError as discordPostError } from '../adapters/discord/discord-errors.js';
import { toPostError as slackPostError } from '../adapters/slack/slack-errors.js';
import { toBoltLogger } from '../adapters/slack/bolt-logger.js';
import { POST_OPTIONS } from '../adapters/slack/post-options.js';
import { renderDiscordMessage, toRestBody } from '../render/discord-embed.js';
import { renderSlackBlocks } from '../render/slack-blocks.js';
import type { Poster } from './poster.js';

/**
 * REST-only posters for `vmvc tip --post`: no socket, no gateway, just one
 * authenticated client per platform. The only file in src/tips that knows
 * about Slack or Discord. The running bot posts through its adapters instead.
 *
 * Neither client retries or waits on its own: rate limits and server errors
 * come back as PostErrors so post-tip.ts applies one bounded retry policy.
 */

export function createSlackPoster(config: Pick<SlackConfig, 'botToken' | 'apiUrl'>, log: Logger): Poster {
  const client = new WebClient(config.botToken, {
    ...(config.apiUrl !== undefined && { slackApiUrl: withSlash(config.apiUrl) }),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: toBoltLogger(log.child({ platform: 'slack' })),
  });
  return {
    platform: 'slack',
    async post(channelId, card) {
      try {
        const res = await client.chat.postMessage({ channel: channelId, ...renderSlackBlocks(card), ...POST_OPTIONS });
        return { messageId: res.ts ?? '' };
      } catch (err) {
        throw slackPostError(err, channelId);
      }
    },
  };
}

export function createDiscordPoster(config: Pick<DiscordConfig, 'token' | 'apiUrl'>, log: Logger): Poster {
  const rest = new REST({
    ...(config.apiUrl !== undefined && { api: discordBase(config.apiUrl) }),
    // Throw on every rate limit instead of queueing, so the caller's retry policy decides.
    rejectOnRateLimit: () => true,
    retries: 0,
  }).setToken(config.token);
  rest.on('restDebug', (message) => log.trace({ platform: 'discord' }, message));
  return {
    platform: 'discord',
    async post(channelId, card) {
      // parse: [] in allowed_mentions: a tip never pings anyone, whatever its text says.
      const body = toRestBody({ ...renderDiscordMessage(card), allowedMentions: { parse: [] } });
      try {
        const sent = (await rest.post(`/channels/${channelId}/messages`, { body })) as { id: string };
        return { messageId: sent.id };
      } catch (err) {
        throw discordPostError(err, channelId);
      }
    },
  };
}

/** WebClient joins method names onto the base URL, which must end in a slash. */
function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** @discordjs/rest appends `/v10` itself, so DISCORD_API_URL is the base; a pasted `/v10` is tolerated. */
function discordBase(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}
