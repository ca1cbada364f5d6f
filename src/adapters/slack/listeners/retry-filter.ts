import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../../log.js';
import { DeliveryFilter } from '../delivery-filter.js';

/** Global middleware: a retried event we already answered stops here (Bolt has already acked it). */
export function retryFilter(log: Logger, filter = new DeliveryFilter()): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    const { retryNum, retryReason } = context;
    const accepted = filter.accept({
      ...(eventId !== undefined && { eventId }),
      ...(retryNum !== undefined && { retryNum }),
      ...(retryReason !== undefined && { retryReason }),
    });
    if (!accepted) {
      log.info({ eventId, retryNum, retryReason }, 'ignoring a retried Slack event: it was already answered');
      return;
    }
    await next();
  };
}
