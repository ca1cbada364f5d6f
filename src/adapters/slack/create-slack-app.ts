import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';

/**
 * The only file that handles Slack credentials: it builds the Bolt app (and
 * the client `post` uses) from SlackConfig and hands back objects that carry
 * the tokens inside them.
 */

/** Where Slack sends events, commands and button clicks in HTTP mode (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * Listener replies must land within Slack's windows (response_url lives 30
 * minutes; users give up sooner), so a few quick retries, not the client's
 * default ten over half an hour.
 */
export const DEFAULT_RETRY_CONFIG: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 };

export interface SlackAppOptions {
  logger: BoltLogger;
  /** Web API retry policy; tests pass `{ retries: 0 }` so a broken fake fails fast. */
  retryConfig?: webApi.RetryOptions;
  /** Socket Mode connection settings; tests shorten the timeouts. */
  socket?: { clientPingTimeout?: number; serverPingTimeout?: number; autoReconnectEnabled?: boolean };
}

export interface SlackApp {
  mode: SlackConfig['mode'];
  app: App;
  receiver: HTTPReceiver | SocketModeReceiver;
  /**
   * For RunningAdapter.post: rate limits come back as errors (with Retry-After)
   * so the tip scheduler decides when to try again, instead of this client
   * sleeping inside the call.
   */
  postClient: webApi.WebClient;
  identity: SlackIdentity;
}

/** Who the bot token belongs to, from auth.test. */
export interface SlackIdentity {
  botUserId?: string;
  botId?: string;
  team?: string;
}

export function clientOptionsFor(config: SlackConfig, options: SlackAppOptions): webApi.WebClientOptions {
  return {
    ...(config.apiUrl !== undefined && { slackApiUrl: config.apiUrl }),
    retryConfig: options.retryConfig ?? DEFAULT_RETRY_CONFIG,
    logger: options.logger,
  };
}

/** Socket Mode when an app-level token is configured, HTTP with the signing secret otherwise. */
export function createReceiver(config: SlackConfig, options: SlackAppOptions): HTTPReceiver | SocketModeReceiver {
  if (config.mode === 'socket') {
    return new SocketModeReceiver({
      appToken: config.appToken,
      logger: options.logger,
      // Carries slackApiUrl so apps.connections.open also goes to SLACK_API_URL.
      installerOptions: { clientOptions: clientOptionsFor(config, options) },
      ...options.socket,
    });
  }
  return new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    logger: options.logger,
    // Ack first, work after: the slash command answer is the ack itself, and
    // events/actions are acknowledged before any Web API call.
    processBeforeResponse: false,
  });
}

/**
 * The client for posts the tip scheduler owns (the bot's tips, `vmvc tip --post`):
 * it never waits or retries by itself, so rate limits come back at once and
 * post-tip.ts applies one bounded retry policy.
 */
export function createSlackPostClient(config: Pick<SlackConfig, 'botToken' | 'apiUrl'>, logger?: BoltLogger): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    // WebClient joins method names onto the base URL, which must end in a slash.
    ...(config.apiUrl !== undefined && { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // A stalled connection must fail (and be logged), not hold a tip slot or a shutdown forever.
    timeout: 15_000,
    ...(logger !== undefined && { logger }),
  });
}

/**
 * auth.test first, with the bot token: a bad token fails here (the caller turns
 * it into one clear line), and the ids it returns go to Bolt so Bolt neither
 * repeats the call on the first request nor answers the bot's own messages.
 */
export async function createSlackApp(config: SlackConfig, options: SlackAppOptions): Promise<SlackApp> {
  const clientOptions = clientOptionsFor(config, options);
  const postClient = createSlackPostClient(config, options.logger);
  // One quick retry at start-up: an unreachable API or a bad token should end in one clear line, fast.
  const auth = await new webApi.WebClient(config.botToken, { ...clientOptions, retryConfig: { retries: 1, minTimeout: 300, maxTimeout: 300 } }).auth.test();
  const identity: SlackIdentity = {
    ...(typeof auth.user_id === 'string' && { botUserId: auth.user_id }),
    ...(typeof auth.bot_id === 'string' && { botId: auth.bot_id }),
    ...(typeof auth.team === 'string' && { team: auth.team }),
  };
  const receiver = createReceiver(config, options);
  const app = new App({
    token: config.botToken,
    ...(identity.botUserId !== undefined && { botUserId: identity.botUserId }),
    ...(identity.botId !== undefined && { botId: identity.botId }),
    receiver: receiver as Receiver,
    logger: options.logger,
    clientOptions,
    ignoreSelf: true,
  });
  return { mode: config.mode, app, receiver, postClient, identity };
}
