import type { DeliveryStore } from '../../../core/storage.js';
import type { Core } from '../../../core/create-core.js';
import type { RepeatGuard } from '../../../core/repeat-guard.js';
import type { ReportStore } from '../../../core/storage.js';
import type { Logger } from '../../../log.js';
import type { Poster } from '../../../tips/poster.js';
import type { TipsDeps } from '../../adapter.js';
import type { HelpChannelDeps } from './help-channel-deps.js';

/** What every Slack listener needs besides Bolt's own arguments. */
export interface ListenerDeps {
  core: Core;
  repeatGuard: RepeatGuard;
  log: Logger;
  clock: () => Date;
  /** The curator figures for admins' Home tab; without it the tab says the summary is unavailable. */
  reports?: ReportStore;
  /** Slack user ids treated as admins besides workspace admins and owners. */
  adminUserIds?: readonly string[];
  /** Help-channel mode (`/vmvc autoanswer`, auto-replies); absent without a store. */
  help?: HelpChannelDeps;
  /** Daily tips set from chat (`/vmvc tips`), with the poster `tips next` uses; absent without a store. */
  tips?: TipsDeps & { poster: Poster };
  /** Event ids taken by any bot copy (the store's); without it, only this copy's memory decides retries. */
  deliveries?: DeliveryStore;
}
