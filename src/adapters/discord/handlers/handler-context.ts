import type { Core } from '../../../core/create-core.js';
import type { RepeatGuard } from '../../../core/repeat-guard.js';
import type { Logger } from '../../../log.js';

/** Everything a handler needs besides the interaction; tests can build one from plain fakes. */
export interface HandlerContext {
  core: Core;
  repeatGuard: RepeatGuard;
  log: Logger;
  now: () => Date;
}
