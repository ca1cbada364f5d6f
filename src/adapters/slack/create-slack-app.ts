import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import type { HttpRoute } from '../../http/routes.js';
import { countSlackApiErrors } from './count-api-errors.js';
import { guardBodyShape } from './body-shape-guard.js';
import { INTERACTIVE_POLICY, interactiveFetch, type InteractivePolicy, type RetryNotice } from './interactive-fetch.js';

/**
 * The only file that handles Slack credentials: it builds the Bolt app (and
 * the client `post` uses) from SlackConfig and hands back objects that carry
 * the tokens inside them.
 */

/** Where Slack sends events, commands and button clicks in HTTP mode (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = '/slack/events';

/**
 * apps.connections.open only hands out a WebSocket URL, so asking again after
 * any failure is harmless; a few quick retries ride out a blip at start-up or
 * on reconnect.
 */
const CONNECT_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 };

/** A stalled connection must fail (and be logged), never hold a start-up, a tip slot or a shutdown. */
const BACKGROUND_TIMEOUT_MS = 15_000;

export interface SlackAppOptions {
  logger: BoltLogger;
  /** Bounds and retries of the calls users wait on (see interactive-fetch.ts); tests shorten the timeout. */
  interactive?: Partial<InteractivePolicy>;
  /** Socket Mode connection settings; tests shorten the timeouts. */
  socket?: { clientPingTimeout?: number; serverPingTimeout?: number; autoReconnectEnabled?: boolean };
  /** HTTP mode: routes served on the same port beside /slack/events (Discord interactions, health, metrics). */
  customRoutes?: readonly HttpRoute[];
  /** Each failed Web API call the listeners make, by Slack's error code (for metrics). */
  onApiError?: (code: string) => void;
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

function baseClientOptions(config: Pick<SlackConfig, 'apiUrl'>, logger: BoltLogger | undefined): webApi.WebClientOptions {
  return {
    // WebClient joins method names onto the base URL, which must end in a slash.
    ...(config.apiUrl !== undefined && { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` }),
    ...(logger !== undefined && { logger }),
  };
}

/**
 * The listeners' client (say, client.chat.postMessage) and, through Bolt's
 * fetchFn, respond(). The client itself never retries or sleeps on a 429:
 * interactiveFetch alone decides, because only it can tell a request that
 * never reached Slack from one Slack may have acted on.
 */
export function interactiveClientOptions(config: SlackConfig, options: SlackAppOptions): webApi.WebClientOptions {
  const policy = { ...INTERACTIVE_POLICY, ...options.interactive };
  const onRetry = (n: RetryNotice) =>
    options.logger.warn(
      `Slack ${n.target} ${n.reason === 'rate_limited' ? 'was rate limited' : 'could not be reached'} (attempt ${n.attempt}); sending again in ${n.waitMs} ms`,
    );
  const fetchFn = options.onApiError !== undefined ? countSlackApiErrors(globalThis.fetch, options.onApiError) : globalThis.fetch;
  return { ...baseClientOptions(config, options.logger), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, fetch: interactiveFetch(policy, onRetry, fetchFn) };
}

/** Socket Mode when an app-level token is configured, HTTP with the signing secret otherwise. */
export function createReceiver(config: SlackConfig, options: SlackAppOptions): HTTPReceiver | SocketModeReceiver {
  if (config.mode === 'socket') {
    return new SocketModeReceiver({
      appToken: config.appToken,
      logger: options.logger,
      // Carries slackApiUrl so apps.connections.open also goes to SLACK_API_URL.
      installerOptions: { clientOptions: { ...baseClientOptions(config, options.logger), retryConfig: CONNECT_RETRY, timeout: BACKGROUND_TIMEOUT_MS } },
      ...options.socket,
    });
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    ...(options.customRoutes !== undefined && options.customRoutes.length > 0 && { customRoutes: [...options.customRoutes] }),
    logger: options.logger,
    // Ack first, work after: the slash command answer is the ack itself, and
    // events/actions are acknowledged before any Web API call.
    processBeforeResponse: false,
  });
  guardBodyShape(receiver, SLACK_EVENTS_PATH, config.signingSecret, options.logger);
  return receiver;
}

/**
 * The client for posts the tip scheduler owns (the bot's tips, `vmvc tip --post`):
 * it never waits or retries by itself, so rate limits come back at once and
 * post-tip.ts applies one bounded retry policy.
 */
export function createSlackPostClient(config: Pick<SlackConfig, 'botToken' | 'apiUrl'>, logger?: BoltLogger): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    ...baseClientOptions(config, logger),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: BACKGROUND_TIMEOUT_MS,
  });
}

/**
 * auth.test first, with the bot token: a bad token fails here (the caller turns
 * it into one clear line), and the ids it returns go to Bolt so Bolt neither
 * repeats the call on the first request nor answers the bot's own messages.
 */
export async function createSlackApp(config: SlackConfig, options: SlackAppOptions): Promise<SlackApp> {
  const postClient = createSlackPostClient(config, options.logger);
  // One quick retry at start-up (auth.test changes nothing): an unreachable API or a bad token should end in one clear line, fast.
  const auth = await new webApi.WebClient(config.botToken, {
    ...baseClientOptions(config, options.logger),
    retryConfig: { retries: 1, minTimeout: 300, maxTimeout: 300 },
    timeout: BACKGROUND_TIMEOUT_MS,
  }).auth.test();
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
    clientOptions: interactiveClientOptions(config, options),
    ignoreSelf: true,
  });
  return { mode: config.mode, app, receiver, postClient, identity };
}
