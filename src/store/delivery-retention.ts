/**
 * How long a delivery id is remembered. Slack retries an event three times
 * within about five minutes (immediately, after 1 minute, after 5 minutes), so
 * an hour covers every retry with room to spare; older ids are swept.
 */
export const DELIVERY_KEEP_MS = 60 * 60_000;
/** Old ids are swept every this many claims; until then they only take space. */
export const SWEEP_DELIVERIES_EVERY = 500;
