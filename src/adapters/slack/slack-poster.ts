import type { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { Logger } from '../../log.js';
import { renderSlackBlocks } from '../../render/slack-blocks.js';
import type { Poster } from '../../tips/poster.js';
import { toBoltLogger } from './bolt-logger.js';
import { createSlackPostClient } from './create-slack-app.js';
import { POST_OPTIONS } from './post-options.js';
import { toPostError } from './slack-errors.js';

/** Posts a card visibly to a channel with chat.postMessage; failures become PostErrors. */
export function slackPoster(client: webApi.WebClient): Poster {
  return {
    platform: 'slack',
    async post(channelId, card) {
      try {
        const res = await client.chat.postMessage({ channel: channelId, ...renderSlackBlocks(card), ...POST_OPTIONS });
        return { messageId: res.ts ?? '' };
      } catch (err) {
        throw toPostError(err, channelId);
      }
    },
  };
}

/** A Web-API-only poster for `vmvc tip --post`: no socket, no listeners. */
export function createSlackPoster(config: Pick<SlackConfig, 'botToken' | 'apiUrl'>, log: Logger): Poster {
  return slackPoster(createSlackPostClient(config, toBoltLogger(log.child({ platform: 'slack' }))));
}
