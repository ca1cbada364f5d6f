import type { AutoAnswerPolicy, HelpChannelStore } from '../../../core/help-channels.js';

/** What help-channel mode needs; absent when the bot runs without a store (then `/vmvc autoanswer` says so). */
export interface HelpChannelDeps {
  store: HelpChannelStore;
  policy: AutoAnswerPolicy;
}
