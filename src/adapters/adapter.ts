import type { DeliveryStore } from '../core/storage.js';
import type { Config } from '../config.js';
import type { Card } from '../core/card.js';
import type { Core } from '../core/create-core.js';
import type { HelpChannelStore } from '../core/help-channels.js';
import type { RepeatGuard } from '../core/repeat-guard.js';
import type { ReportStore, TipStore } from '../core/storage.js';
import type { TipSubscriptionStore } from '../core/tip-subscriptions.js';
import type { Platform } from '../core/usage.js';
import type { Logger } from '../log.js';
import type { DrainGate } from '../http/drain-gate.js';
import type { HttpRoute } from '../http/routes.js';
import type { BotMetrics } from '../metrics/bot-metrics.js';

/** What main.ts hands every adapter. */
export interface AdapterDeps {
  config: Config;
  core: Core;
  log: Logger;
  repeatGuard: RepeatGuard;
  /** The curator report's figures (Slack's Home tab shows admins a summary). */
  reports?: ReportStore;
  /** Help channels (`/vmvc autoanswer`); the store's, so every bot copy shares them. Without it the mode is unavailable. */
  helpChannels?: HelpChannelStore;
  /** Daily tips set up from chat (`/vmvc tips`); the store's, so every copy shares them. Without it the command says it is unavailable. */
  tips?: TipsDeps;
  /** Platform deliveries taken by any copy (Slack event ids), so a retried event is answered once across copies. */
  deliveries?: DeliveryStore;
  clock?: () => Date;
  /**
   * Called once if the adapter stops for good while running (Discord revoked
   * the token): main.ts decides whether the bot goes on with its other adapters
   * or exits non-zero so a supervisor restarts it.
   */
  onDown?: (down: AdapterDown) => void;
  /** Counters and latency (GET /metrics); without it nothing is counted. */
  metrics?: BotMetrics;
  /**
   * The shared HTTP surface: routes to serve beside Slack's /slack/events when
   * Slack runs in HTTP mode, and the gate that refuses new requests once the
   * bot is shutting down.
   */
  http?: { routes: readonly HttpRoute[]; gate: DrainGate };
}

export interface TipsDeps {
  store: TipStore & TipSubscriptionStore;
  /** TIP_TIMEZONE: the zone when neither the command nor the platform gives one. */
  defaultTimezone: string;
}

/** An adapter that has stopped answering for good; `reason` is one line naming the cause and the fix. */
export interface AdapterDown {
  platform: Platform;
  reason: string;
}

export { PostError } from '../core/post-error.js';

/** A started adapter. `post` sends a card visibly to a channel (tips use it). */
export interface RunningAdapter {
  platform: Platform;
  post(channelId: string, card: Card): Promise<{ messageId: string }>;
  /** For /readyz: the platform connection is up (Socket Mode, the Discord gateway) or the listener is serving. */
  isReady?(): boolean;
  /** Finishes the work in flight, then closes the platform connection. */
  stop(): Promise<void>;
}

/** A start-up failure the operator must fix (bad token, port in use); main prints the message as one line and exits 1. */
export class StartupError extends Error {
  readonly code = 'E_STARTUP';
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
