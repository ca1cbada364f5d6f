import { RESTEvents, type REST } from 'discord.js';
import type { BotMetrics } from '../../metrics/bot-metrics.js';

/**
 * Counts failed Discord REST calls by Discord's JSON error code (50013
 * missing permissions, 10062 unknown interaction) or `http_<status>` when the
 * body has none. The REST client hands 'response' listeners a clone of each
 * response, so the clone's body is always read (or the tee keeps it buffered).
 */
export function countRestErrors(rest: REST, metrics: BotMetrics): void {
  rest.on(RESTEvents.Response, (_request, response) => {
    if (response.status < 400) {
      void response.arrayBuffer().catch(() => undefined);
      return;
    }
    void response
      .json()
      .then(
        (body: unknown) => {
          const code = (body as { code?: unknown } | null)?.code;
          return typeof code === 'number' && code !== 0 ? String(code) : `http_${response.status}`;
        },
        () => `http_${response.status}`,
      )
      .then((code) => metrics.platformApiError('discord', code));
  });
}
