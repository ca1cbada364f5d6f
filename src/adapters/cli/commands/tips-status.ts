import type { Knowledge } from '../../../core/knowledge/schema.js';
import type { TipPostRecord, TipStore } from '../../../core/storage.js';
import type { TipSubscriptionStore } from '../../../core/tip-subscriptions.js';
import { createLogger } from '../../../log.js';
import { importEnvTipChannels } from '../../../tips/env-import.js';
import { cliConfig, openStoreFor } from '../../../store/store-for-cli.js';
import { peekNextTip, withFailedPost } from '../../../tips/rotation.js';
import { describeSchedule, formatLocal, nextPostTime } from '../../../tips/subscription-schedule.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { dataFolderLine } from '../data-folder.js';
import { knowledgeFor } from '../load-core.js';
import { parseFlags } from '../parse-flags.js';

const PREVIEW_CHARS = 60;

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

function describeLast(post: TipPostRecord | undefined): string {
  if (!post) return 'never';
  const slot = post.slotKey.startsWith('manual:') ? 'manual' : `slot ${post.slotKey}`;
  switch (post.status) {
    case 'done':
      return `tip #${post.tipId} posted ${when(post.finishedAt ?? post.claimedAt)} UTC (${slot}, message ${post.messageId ?? '?'})`;
    case 'failed':
      return `tip #${post.tipId} FAILED ${when(post.finishedAt ?? post.claimedAt)} UTC after ${post.attempts} attempt${post.attempts === 1 ? '' : 's'} (${slot}): ${post.error ?? 'unknown error'}`;
    case 'claimed':
      return `tip #${post.tipId} UNCONFIRMED: claimed ${when(post.claimedAt)} UTC (${slot}), never confirmed sent; it is not re-sent`;
  }
}

/**
 * The status lines; pure over knowledge and store. Lists the store's
 * subscriptions (the environment's channels are imported into it once, see
 * env-import.ts): schedule, zone, next post in local time, last post, paused.
 */
export async function tipsStatus(knowledge: Knowledge, store: TipStore & TipSubscriptionStore, now: Date): Promise<string> {
  const subs = await store.tipSubscriptions();
  if (subs.length === 0) {
    return 'No channel gets daily tips: run `/vmvc tips here` in a channel (or list channels in SLACK_TIP_CHANNELS / DISCORD_TIP_CHANNELS before the first start).';
  }
  const lines = [`${subs.length} channel${subs.length === 1 ? '' : 's'} subscribed (${subs.filter((s) => s.pausedAt).length} paused)`];
  const ids = knowledge.tips.map((t) => t.id);
  for (const sub of subs) {
    const last = await store.lastTipPost(sub.platform, sub.channelId);
    // The stored state learns of a failed post only at the next pick; the last post tells us now, so it is not counted as shown.
    const state = withFailedPost(await store.rotationState(sub.platform, sub.channelId), last?.status === 'failed' ? last.tipId : undefined);
    const nextId = peekNextTip(state, ids);
    const tip = knowledge.tips.find((t) => t.id === nextId);
    const preview = tip ? `tip #${tip.id}: ${tip.text.length > PREVIEW_CHARS ? `${tip.text.slice(0, PREVIEW_CHARS - 1)}…` : tip.text}` : 'a random tip (a new shuffled cycle starts)';
    const cycle = state ? `, cycle ${state.cycle}: ${state.shown.length} of ${state.shown.length + state.remaining.length} shown` : '';
    const next = sub.pausedAt ? undefined : nextPostTime(sub, now);
    lines.push(
      '',
      `${sub.platform} ${sub.channelId}${cycle}`,
      `  schedule: ${describeSchedule(sub.schedule)} in ${sub.timezone}`,
      sub.pausedAt
        ? `  PAUSED since ${when(sub.pausedAt)} UTC: ${sub.pausedReason ?? 'removed from the channel'} (\`/vmvc tips here\` in the channel resumes it)`
        : `  next post: ${next ? formatLocal(next, sub.timezone) : 'never'}`,
      `  next: ${preview}`,
      `  last: ${describeLast(last)}`,
    );
  }
  return lines.join('\n');
}

export const tipsStatusCommand: CliCommand = {
  name: 'tips',
  usage: 'vmvc tips status',
  help:
    'For every channel subscribed to daily tips (/vmvc tips here, or the environment imported once): its schedule\n' +
    'and time zone, the next post in local time, whether it is paused, the tip its rotation posts next and how the\n' +
    'last post went (posted, failed, or unconfirmed: claimed but never confirmed, so not re-sent).\n' +
    'Reads the bot database in DATA_DIR (default ./data in the working directory); the folder used is printed last.',
  async run(args, io) {
    const { positionals } = parseFlags(args, {});
    if (positionals[0] !== 'status' || positionals.length > 1) throw new UsageError(positionals.length === 0 ? 'say `vmvc tips status`' : `unknown subcommand '${positionals.join(' ')}'`);
    const config = cliConfig(io.env);
    const knowledge = await knowledgeFor(io.env);
    const store = await openStoreFor(config);
    try {
      // Before the bot's first start the environment's channels are not in the store yet: the same one-time import.
      await importEnvTipChannels(store, config, new Date(), createLogger({ level: 'silent', destination: io.stderr }));
      io.stdout.write(`${await tipsStatus(knowledge, store, new Date())}\n\n${dataFolderLine(config)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
