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
export function countRestErrors(rest: REST, metrics: BotMetrics): void {
  rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status >= 400) metrics.platformApiError('discord', `http_${response.status}`);
  });
}
