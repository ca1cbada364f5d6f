import { Routes, type REST } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { renderDiscordMessage, toRestBody } from '../../render/discord-embed.js';
import type { Poster } from '../../tips/poster.js';
import { createDiscordPostRest } from './create-discord-client.js';
import { toPostError } from './discord-errors.js';

/**
 * Posts a card to a channel over REST only (no gateway): the running bot's tips
 * and `vmvc tip --post` both go through here. The renderer's allowed_mentions
 * is `parse: []`, so a tip never pings anyone. The running bot passes its own
 * post REST client (`rest`), whose failures it counts for /metrics.
 */
export function createDiscordPoster(config: Pick<DiscordConfig, 'token' | 'apiUrl'>, log: Logger, rest: REST = createDiscordPostRest(config)): Poster {
  rest.on('restDebug', (message) => log.trace({ platform: 'discord' }, message));
  return {
    platform: 'discord',
    async post(channelId, card) {
      try {
        const sent = (await rest.post(Routes.channelMessages(channelId), { body: toRestBody(renderDiscordMessage(card)) })) as { id: string };
        return { messageId: sent.id };
      } catch (err) {
        throw toPostError(err, channelId);
      }
    },
  };
}
