import type { RESTPostAPIChannelMessageJSONBody, RESTPostAPIChannelMessagesThreadsJSONBody } from 'discord.js';
import type { Core } from '../../../core/create-core.js';
import type { AutoAnswerPolicy, HelpChannelStore } from '../../../core/help-channels.js';
import type { RepeatGuard } from '../../../core/repeat-guard.js';
import type { Logger } from '../../../log.js';
import type { Poster } from '../../../tips/poster.js';
import type { TipsDeps } from '../../adapter.js';

/** Everything a handler needs besides the interaction; tests can build one from plain fakes. */
export interface HandlerContext {
  core: Core;
  repeatGuard: RepeatGuard;
  log: Logger;
  now: () => Date;
  /** Help-channel mode; only when DISCORD_HELP_CHANNELS_ENABLED and a store are both there. */
  help?: { store: HelpChannelStore; policy: AutoAnswerPolicy };
  /** Daily tips set from chat (`/vmvc tips`), with the poster `tips next` uses; absent without a store. */
  tips?: TipsDeps & { poster: Poster };
  /**
   * Posts a message to a channel once: no retries and no waiting on rate
   * limits, because a post that timed out or met a 5xx may be there already
   * (the REST client behind interaction replies would send it again).
   */
  postMessage(channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<{ id: string }>;
  /**
   * Starts a public thread on a message (Start Thread from Message), once, for
   * the same reason: a retried start could not make a second thread (Discord
   * allows one per message) but would turn a success into a confusing 160004.
   * Resolves with the thread's channel id.
   */
  startThread(channelId: string, messageId: string, body: RESTPostAPIChannelMessagesThreadsJSONBody): Promise<{ id: string }>;
}
