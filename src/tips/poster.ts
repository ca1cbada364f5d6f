import type { Card } from '../core/card.js';
import type { Platform } from '../core/usage.js';

/**
 * Sends a card visibly to a channel. A started adapter (RunningAdapter) is one;
 * so are the REST-only posters the CLI builds (src/adapters/slack/slack-poster.ts,
 * src/adapters/discord/discord-poster.ts). Failures are PostErrors
 * (src/core/post-error.ts); anything else counts as `unknown`.
 */
export interface Poster {
  platform: Platform;
  post(channelId: string, card: Card): Promise<{ messageId: string }>;
}
