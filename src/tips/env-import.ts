import type { TipSubscriptionStore } from '../core/tip-subscriptions.js';
import type { Logger } from '../log.js';
import { tipChannelsOf } from './tip-scheduler.js';

export interface TipEnv {
  slack?: { tipChannels: string[] };
  discord?: { tipChannels: string[] };
  /** TIP_SCHEDULE and TIP_TIMEZONE. */
  tips: { schedule: string; timezone: string };
}

export type ImportOutcome = { imported: true; count: number } | { imported: false; at?: Date };

/**
 * SLACK_TIP_CHANNELS and DISCORD_TIP_CHANNELS become subscriptions once, with
 * TIP_SCHEDULE (kept as the cron it is) and TIP_TIMEZONE. The store records
 * that the import happened, so a channel removed with `tips off` stays
 * removed after a restart; from then on the store is the truth and the
 * variables are ignored (a start-up line says so). Nothing is recorded while
 * the variables list no channels, so an operator can still use them later.
 */
export async function importEnvTipChannels(store: TipSubscriptionStore, env: TipEnv, now: Date, log: Logger): Promise<ImportOutcome> {
  const channels = tipChannelsOf(env);
  if (channels.length === 0) return { imported: false };
  const inputs = channels.map((c) => ({ ...c, schedule: env.tips.schedule, timezone: env.tips.timezone }));
  const result = await store.importTipSubscriptions(inputs, now);
  if (result.imported) {
    log.info({ channels: channels.length, added: result.count }, `imported the tip channels from the environment as subscriptions (${result.count} new); from now on the store is the truth: change them with /vmvc tips in each channel`);
  } else {
    log.info({ importedAt: result.at.toISOString() }, 'SLACK_TIP_CHANNELS / DISCORD_TIP_CHANNELS were imported before and are ignored now: the store holds the subscriptions (/vmvc tips, vmvc tips status)');
  }
  return result;
}
