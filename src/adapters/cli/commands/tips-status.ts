import type { Config } from '../../../config.js';
import type { Knowledge } from '../../../core/knowledge/schema.js';
import type { TipPostRecord, TipStore } from '../../../core/storage.js';
import { cliConfig, openStoreFor } from '../../../store/store-for-cli.js';
import { peekNextTip, withFailedPost } from '../../../tips/rotation.js';
import { nextFireTime } from '../../../tips/schedule.js';
import { tipChannelsOf } from '../../../tips/tip-scheduler.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { dataFolderLine } from '../data-folder.js';
import { knowledgeFor } from '../load-core.js';
import { parseFlags } from '../parse-flags.js';

const PREVIEW_CHARS = 60;

function describeLast(post: TipPostRecord | undefined): string {
  if (!post) return 'never';
  const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);
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

/** The status lines; pure over config, knowledge and store. */
export async function tipsStatus(config: Config, knowledge: Knowledge, store: TipStore, now: Date): Promise<string> {
  const channels = tipChannelsOf(config);
  const next = nextFireTime(config.tips.schedule, config.tips.timezone, now);
  const lines = [
    `Schedule: ${config.tips.schedule} (${config.tips.timezone}); next run ${next ? `${next.toISOString().replace('T', ' ').slice(0, 19)} UTC` : 'never'}`,
  ];
  if (channels.length === 0) {
    lines.push('No tip channels configured: set SLACK_TIP_CHANNELS and/or DISCORD_TIP_CHANNELS.');
    return lines.join('\n');
  }
  const ids = knowledge.tips.map((t) => t.id);
  for (const channel of channels) {
    const last = await store.lastTipPost(channel.platform, channel.channelId);
    // The stored state learns of a failed post only at the next pick; the last post tells us now, so it is not counted as shown.
    const state = withFailedPost(await store.rotationState(channel.platform, channel.channelId), last?.status === 'failed' ? last.tipId : undefined);
    const nextId = peekNextTip(state, ids);
    const tip = knowledge.tips.find((t) => t.id === nextId);
    const preview = tip ? `tip #${tip.id}: ${tip.text.length > PREVIEW_CHARS ? `${tip.text.slice(0, PREVIEW_CHARS - 1)}…` : tip.text}` : 'a random tip (a new shuffled cycle starts)';
    const cycle = state ? `, cycle ${state.cycle}: ${state.shown.length} of ${state.shown.length + state.remaining.length} shown` : '';
    lines.push('', `${channel.platform} ${channel.channelId}${cycle}`, `  next: ${preview}`, `  last: ${describeLast(last)}`);
  }
  return lines.join('\n');
}

export const tipsStatusCommand: CliCommand = {
  name: 'tips',
  usage: 'vmvc tips status',
  help:
    'For every channel in SLACK_TIP_CHANNELS and DISCORD_TIP_CHANNELS: the tip its rotation posts next and\n' +
    'how the last post went (posted, failed, or unconfirmed: claimed but never confirmed, so not re-sent).\n' +
    'Reads the bot database in DATA_DIR (default ./data in the working directory); the folder used is printed last.',
  async run(args, io) {
    const { positionals } = parseFlags(args, {});
    if (positionals[0] !== 'status' || positionals.length > 1) throw new UsageError(positionals.length === 0 ? 'say `vmvc tips status`' : `unknown subcommand '${positionals.join(' ')}'`);
    const config = cliConfig(io.env);
    const knowledge = await knowledgeFor(io.env);
    const store = await openStoreFor(config);
    try {
      io.stdout.write(`${await tipsStatus(config, knowledge, store, new Date())}\n\n${dataFolderLine(config)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
