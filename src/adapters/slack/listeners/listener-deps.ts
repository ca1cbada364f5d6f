import type { Core } from '../../../core/create-core.js';
import type { RepeatGuard } from '../../../core/repeat-guard.js';
import type { Logger } from '../../../log.js';

/** What every Slack listener needs besides Bolt's own arguments. */
export interface ListenerDeps {
  core: Core;
  repeatGuard: RepeatGuard;
  log: Logger;
  clock: () => Date;
}
