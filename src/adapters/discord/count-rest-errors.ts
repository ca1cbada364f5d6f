import { RESTEvents, type REST } from 'discord.js';
import type { BotMetrics } from '../../metrics/bot-metrics.js';

/**
 * Counts failed Discord REST calls as `http_<status>` (403 missing access or
 * permissions, 404 unknown interaction or channel, 429 rate limited, 5xx).
 * Discord's finer JSON code (50013, 10062) stays in the log line: the REST
 * client hands 'response' listeners the very body stream it is about to read
 * (its undici responses are shallow copies, not clones), so a listener must
 * not read it.
 */
export function countRestErrors(rest: REST, metrics: BotMetrics, onBotTokenRejected?: () => void): void {
  rest.on(RESTEvents.Response, (request, response) => {
    if (response.status >= 400) metrics.platformApiError('discord', `http_${response.status}`);
    // Interaction callbacks and follow-ups carry the interaction's own token, not the bot's.
    if (response.status === 401 && !/^\/(interactions|webhooks)\//.test(request.path)) onBotTokenRejected?.();
  });
}
