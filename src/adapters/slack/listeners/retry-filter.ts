import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { DeliveryStore } from '../../../core/storage.js';
import type { Logger } from '../../../log.js';
import { DeliveryFilter } from '../delivery-filter.js';

/**
 * Global middleware: each Slack event is answered once. With the store, the
 * first copy to take the event id answers it and every other delivery of it
 * (a retry after a slow ack, to this copy or another) stops here; a retry of
 * an event no copy took (one refused with 503 by a copy that was shutting
 * down) is answered. Without the store, or when it fails, this copy's memory
 * and Slack's retry reason decide, conservatively (delivery-filter.ts).
 * Bolt has already acked the event either way.
 */
export function retryFilter(log: Logger, filter = new DeliveryFilter(), deliveries?: DeliveryStore, clock: () => Date = () => new Date()): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    const { retryNum, retryReason } = context;
    if (eventId !== undefined && deliveries !== undefined) {
      let taken: boolean | undefined;
      try {
        taken = await deliveries.claimDelivery('slack', eventId, clock());
      } catch (err) {
        log.warn({ eventId }, `could not record the Slack event in the store; deciding from this copy's memory: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (taken === false) {
        log.info({ eventId, retryNum, retryReason }, 'ignoring a Slack event delivered again: a bot copy already took it');
        return;
      }
      if (taken === true) {
        filter.remember(eventId);
        await next();
        return;
      }
    }
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
