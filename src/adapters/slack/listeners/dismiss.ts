import type { BlockActionArgs } from './block-actions.js';
import type { ListenerDeps } from './listener-deps.js';

/** **Dismiss** on a private answer: deletes it through the click's response_url. */
export async function handleDismiss({ ack, respond }: Pick<BlockActionArgs, 'ack' | 'respond'>, deps: ListenerDeps): Promise<void> {
  await ack();
  try {
    await respond({ delete_original: true });
  } catch (err) {
    deps.log.warn({ err }, 'Dismiss: could not delete the private answer through the response_url');
  }
}
