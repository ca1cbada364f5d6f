import type { Config } from '../../../config.js';
import { tipRangeText } from '../../../core/commands/tip.js';
import type { Knowledge } from '../../../core/knowledge/schema.js';
import { createLogger } from '../../../log.js';
import { cliConfig, openStoreFor } from '../../../store/store-for-cli.js';
import type { PostTipResult } from '../../../tips/post-tip.js';
import type { Poster } from '../../../tips/poster.js';
import { createDiscordPoster } from '../../discord/discord-poster.js';
import { createSlackPoster } from '../../slack/slack-poster.js';
import { manualSlotKey } from '../../../tips/schedule.js';
import { pauseIfRemoved } from '../../../tips/pause-removed.js';
import { dataFolderLine } from '../data-folder.js';
import { importEnvTipChannels } from '../../../tips/env-import.js';
import { postSlotToChannels } from '../../../tips/tip-scheduler.js';
import { UsageError, type CliCommand, type CliIo } from '../cli-command.js';
import { coreFor } from '../load-core.js';
import { parseFlags } from '../parse-flags.js';
import { writeCard } from '../write-card.js';

function describeResult(r: PostTipResult): string {
  const where = `${r.slot.platform} ${r.slot.channelId}`;
  switch (r.status) {
    case 'posted':
      return `${where}: posted tip #${r.tipId} (message ${r.messageId})`;
    case 'failed':
      return `${where}: FAILED tip #${r.tipId} after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'}: ${r.error}`;
    case 'skipped':
      return r.reason === 'taken' ? `${where}: already posted for this slot` : `${where}: no tips in the knowledge base`;
  }
}

/** `--post`: the next tip of each channel's rotation, now, through the same claim path as the schedule. */
async function postNow(io: CliIo, config: Config, knowledge: Knowledge): Promise<number> {
  // Logs go to stderr so stdout keeps one line per channel.
  const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: io.stderr, pretty: false });
  const store = await openStoreFor(config);
  try {
    await importEnvTipChannels(store, config, new Date(), log);
    const channels = (await store.tipSubscriptions()).filter((s) => !s.pausedAt).map((s) => ({ platform: s.platform, channelId: s.channelId }));
    if (channels.length === 0) {
      // A configuration gap, not a usage mistake: exit 1.
      io.stderr.write('vmvc tip: no channel gets tips: run /vmvc tips here in one, or set SLACK_TIP_CHANNELS and/or DISCORD_TIP_CHANNELS before the first start (see .env.example)\n');
      return 1;
    }
    const posters: Poster[] = [];
    if (config.slack) posters.push(createSlackPoster(config.slack, log));
    if (config.discord) posters.push(createDiscordPoster(config.discord, log));
    // A channel whose platform has no token here is named, not silently left out.
    const unposted = channels.filter((c) => !posters.some((p) => p.platform === c.platform));
    for (const c of unposted) io.stdout.write(`${c.platform} ${c.channelId}: not posted: ${c.platform === 'slack' ? 'SLACK_BOT_TOKEN' : 'DISCORD_TOKEN'} is not set here\n`);
    const results = await postSlotToChannels({ store, posters, channels, knowledge, log }, manualSlotKey(new Date()));
    for (const r of results) {
      io.stdout.write(`${describeResult(r)}\n`);
      // The same rule as the schedule: a channel the bot was removed from is paused, not tried again and again.
      if (await pauseIfRemoved(store, r, log, new Date())) io.stdout.write(`  paused: the bot is no longer in ${r.slot.channelId}; /vmvc tips here there resumes it\n`);
    }
    io.stdout.write(`\n${dataFolderLine(config)}\n`);
    return results.length === channels.length && results.every((r) => r.status === 'posted') ? 0 : 1;
  } finally {
    await store.close();
  }
}

export const tipCommand: CliCommand = {
  name: 'tip',
  usage: 'vmvc tip [--id N] [--post]',
  help:
    'Prints a random tip, or with --id N the tip numbered N.\n' +
    'With --post, posts the next tip now to each subscribed channel that is not paused (see vmvc tips status), through the\n' +
    "same rotation and claim as the daily schedule, and prints one line per channel. Exit 1 if any post failed.",
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { id: { type: 'string' }, post: { type: 'boolean', default: false } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values.post && values.id !== undefined) throw new UsageError('--post posts the next tip of each channel; it does not take --id');
    const core = await coreFor(io.env);
    if (values.post) return postNow(io, cliConfig(io.env), core.knowledge);
    if (values.id !== undefined) {
      const id = Number(values.id);
      const range = tipRangeText(core.knowledge.tips);
      if (!/^-?\d+$/.test(values.id.trim())) throw new UsageError(`--id must be a tip number: ${range}`);
      if (!core.knowledge.tips.some((t) => t.id === id)) throw new UsageError(`--id ${values.id.trim()} is out of range: ${range}`);
      writeCard(io, core.tip(id));
      return 0;
    }
    writeCard(io, core.tip());
    return 0;
  },
};
