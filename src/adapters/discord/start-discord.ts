import { Events, RESTEvents, Routes, type Client } from 'discord.js';
import type { Card } from '../../core/card.js';
import type { HttpRoute } from '../../http/routes.js';
import { NO_METRICS } from '../../metrics/bot-metrics.js';
import { StartupError, type AdapterDeps, type RunningAdapter } from '../adapter.js';
import { countRestErrors } from './count-rest-errors.js';
import { discordInteractionsRoute, trackCallbacks, type InteractionPayload } from './http-interactions.js';
import { discordPublicKey } from './verify-signature.js';
import { createDiscordClient, createDiscordPostRest } from './create-discord-client.js';
import { createDiscordPoster } from './discord-poster.js';
import { describeDiscordError, errorLogFields, isInvalidTokenError } from './discord-errors.js';
import { describeFatalClose } from './gateway-close.js';
import type { HandlerContext } from './handlers/handler-context.js';
import { handleHelpChannelMessage } from './handlers/help-channel-message.js';
import { routeInteraction } from './handlers/route-interaction.js';

export interface RunningDiscord extends RunningAdapter {
  /** HTTP interactions mode (DISCORD_PUBLIC_KEY): POST /discord/interactions, for main.ts to serve on PORT. */
  interactionsRoute?: HttpRoute;
}

/**
 * discord.js builds Interaction objects only inside its gateway action for
 * INTERACTION_CREATE; `actions` is internal (typed `private actions: unknown`),
 * so this is the one place that reaches it. Feeding it a payload that arrived
 * over HTTP gives the handlers the very same objects the gateway path does
 * (tests/adapters/discord/http-interactions.test.ts runs them through it).
 */
interface ClientInternals {
  actions: { InteractionCreate: { handle(data: InteractionPayload): void } };
}

/**
 * Starts Discord and answers /vmvc interactions until stopped: over the
 * gateway by default, or, with DISCORD_PUBLIC_KEY, over HTTP (the route is
 * handed back for main.ts to serve) with no gateway connection at all unless
 * help channels need one to read messages. Throws StartupError (one line for
 * the operator) when Discord refuses the token or cannot be reached. Commands
 * are registered separately (npm run discord:register).
 */
export async function startDiscord(deps: AdapterDeps): Promise<RunningDiscord> {
  const config = deps.config.discord;
  if (!config) throw new StartupError('Discord is not configured: set DISCORD_TOKEN');
  const log = deps.log.child({ adapter: 'discord' });
  const metrics = deps.metrics ?? NO_METRICS;
  const httpMode = config.publicKey !== undefined;
  // Help channels read MESSAGE_CREATE, which only the gateway delivers.
  const needsGateway = !httpMode || config.helpChannelsEnabled;
  const { client, login, useRestOnly } = createDiscordClient(config);
  const postRest = createDiscordPostRest(config);
  // Stopped for good while running, by a gateway close or by REST refusing the bot token: said once.
  let running = false;
  let downFor: string | undefined;
  const reportDown = (reason: string) => {
    if (!running || downFor !== undefined) return;
    downFor = reason;
    deps.onDown?.({ platform: 'discord', reason });
  };
  // Without a gateway (HTTP interactions mode) nothing else would notice a token reset while running.
  const tokenRejected = () => reportDown('Discord rejected DISCORD_TOKEN while running (401): the token was reset or revoked; copy a new one from the Bot page of the Developer Portal, then restart');
  countRestErrors(client.rest, metrics, tokenRejected);
  countRestErrors(postRest, metrics, tokenRejected);
  const poster = createDiscordPoster(config, log, postRest);
  const ctx: HandlerContext = {
    core: deps.core,
    repeatGuard: deps.repeatGuard,
    log,
    now: deps.clock ?? (() => new Date()),
    postMessage: async (channelId, body) => (await postRest.post(Routes.channelMessages(channelId), { body })) as { id: string },
    startThread: async (channelId, messageId, body) => (await postRest.post(Routes.threads(channelId, messageId), { body })) as { id: string },
    ...(config.helpChannelsEnabled && deps.helpChannels !== undefined && { help: { store: deps.helpChannels, policy: deps.config.autoAnswer } }),
    ...(deps.tips !== undefined && { tips: { ...deps.tips, poster } }),
  };

  // Without an 'error' listener an EventEmitter error event throws and kills the process.
  client.on(Events.Error, (err) => log.error(errorLogFields(err), `Discord client error: ${describeDiscordError(err).reason}`));
  client.on(Events.Warn, (message) => log.warn(`Discord: ${message}`));
  // discord.js emits shardDisconnect only for the close codes it never reconnects
  // after (4004 token revoked, 4010-4014), so this is the adapter's end, not a blip.
  let closedFor: string | undefined;
  let connected = false; // before that, login() rejects and start-up reports the close itself
  client.once(Events.ShardDisconnect, (event) => {
    closedFor = describeFatalClose(event.code);
    if (connected) reportDown(`Discord closed the connection: ${closedFor}`);
  });
  // The same fatal close also arrives as a shardError ("Authentication failed"); one line about it is enough.
  client.on(Events.ShardError, (err, shardId) => {
    if (closedFor === undefined) log.warn({ shardId, err }, `Discord gateway error: ${err.message}`);
  });
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'Discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId) => log.info({ shardId }, 'Discord gateway resumed'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }, `Discord rate limit on ${info.method} ${info.route}: waiting ${info.retryAfter} ms`),
  );
  // Not an async listener: routeInteraction never rejects, so nothing is re-emitted as 'error'.
  // Runs are kept by interaction id: the HTTP route waits on its own, and stop() lets them finish.
  const inFlight = new Map<string, Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const started = performance.now();
    const run = routeInteraction(interaction, ctx).finally(() => {
      metrics.answerDuration('discord', (performance.now() - started) / 1000);
      if (inFlight.get(interaction.id) === run) inFlight.delete(interaction.id);
    });
    inFlight.set(interaction.id, run);
  });
  if (ctx.help !== undefined) {
    client.on(Events.MessageCreate, (message) =>
      void handleHelpChannelMessage(message, ctx).catch((err: unknown) => log.error({ err }, `auto-answer failed: ${err instanceof Error ? err.message : String(err)}`)),
    );
  }

  if (needsGateway) {
    await connectGateway(client, login, () => closedFor, config.apiUrl);
    connected = true;
    log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, `Discord bot connected${httpMode ? ' (gateway for help channels; interactions arrive over HTTP)' : ''}`);
    if (httpMode) {
      // Every copy holding a gateway gets every message; the store's one-reply-per-thread claim stops double answers, but not the double work.
      log.warn('DISCORD_HELP_CHANNELS_ENABLED keeps a gateway connection in HTTP interactions mode: when running several copies, enable it on one copy only (one per shard)');
    }
  } else {
    useRestOnly();
    // No login means nothing would notice a revoked token: replies would still work (interaction callbacks need
    // none) while every tip and "Reply to message" failed. Ask Discord who we are once, and stop if it says no.
    await checkToken(client, config.apiUrl);
    log.info('Discord HTTP interactions mode: no gateway connection; interactions arrive at POST /discord/interactions');
  }

  let interactionsRoute: HttpRoute | undefined;
  if (config.publicKey !== undefined) {
    const action = (client as unknown as ClientInternals).actions.InteractionCreate;
    interactionsRoute = discordInteractionsRoute({
      publicKey: discordPublicKey(config.publicKey),
      callbackSent: trackCallbacks(client.rest),
      // handle() emits interactionCreate synchronously, so the run is in the map when it returns.
      dispatch: (payload) => {
        action.handle(payload);
        return inFlight.get(payload.id);
      },
      log,
    });
  }

  running = true;
  return {
    platform: 'discord',
    ...(interactionsRoute !== undefined && { interactionsRoute }),
    post: (channelId: string, card: Card) => poster.post(channelId, card),
    isReady: () => downFor === undefined && (!needsGateway || client.isReady()),
    async stop() {
      client.removeAllListeners(Events.MessageCreate);
      // Interactions already taken finish (main.ts bounds the whole shutdown); new ones are refused by the drain gate.
      await Promise.allSettled([...inFlight.values()]);
      client.removeAllListeners(Events.InteractionCreate);
      await client.destroy();
    },
  };
}

/** HTTP interactions mode: GET /users/@me with the bot token; a refusal or no answer becomes one StartupError line. */
async function checkToken(client: Client, apiUrl: string | undefined): Promise<void> {
  try {
    await client.rest.get(Routes.user());
  } catch (err) {
    await client.destroy().catch(() => undefined);
    if (isInvalidTokenError(err)) throw new StartupError('Discord rejected DISCORD_TOKEN: check the bot token on the Bot page of the Developer Portal (Reset Token, then copy it)');
    throw new StartupError(`Could not reach Discord${apiUrl !== undefined ? ` at ${apiUrl}` : ''} to check DISCORD_TOKEN: ${describeDiscordError(err).reason}`);
  }
}

/** Logs in and waits for READY; a refusal becomes one StartupError line. */
async function connectGateway(client: Client, login: () => Promise<void>, closedFor: () => string | undefined, apiUrl: string | undefined): Promise<void> {
  // A plain listener, not events.once: that would reject (unhandled) on a later 'error' event.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await login();
    if (!client.isReady()) await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    const closed = closedFor();
    if (closed !== undefined) throw new StartupError(`Discord closed the connection: ${closed}`);
    if (isInvalidTokenError(err)) throw new StartupError('Discord rejected DISCORD_TOKEN: check the bot token on the Bot page of the Developer Portal (Reset Token, then copy it)');
    throw new StartupError(`Could not connect to Discord${apiUrl !== undefined ? ` at ${apiUrl}` : ''}: ${describeDiscordError(err).reason}`);
  }
}
