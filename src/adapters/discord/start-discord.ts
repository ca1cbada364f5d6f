import { Events, RESTEvents, Routes } from 'discord.js';
import type { Card } from '../../core/card.js';
import { StartupError, type AdapterDeps, type RunningAdapter } from '../adapter.js';
import { createDiscordClient, createDiscordPostRest } from './create-discord-client.js';
import { createDiscordPoster } from './discord-poster.js';
import { describeDiscordError, errorLogFields, isInvalidTokenError } from './discord-errors.js';
import { describeFatalClose } from './gateway-close.js';
import type { HandlerContext } from './handlers/handler-context.js';
import { handleHelpChannelMessage } from './handlers/help-channel-message.js';
import { routeInteraction } from './handlers/route-interaction.js';

/**
 * Connects to Discord and answers /vmvc interactions until stopped. Throws
 * StartupError (one line for the operator) when Discord refuses the token or
 * cannot be reached. Commands are registered separately (npm run discord:register).
 */
export async function startDiscord(deps: AdapterDeps): Promise<RunningAdapter> {
  const config = deps.config.discord;
  if (!config) throw new StartupError('Discord is not configured: set DISCORD_TOKEN');
  const log = deps.log.child({ adapter: 'discord' });
  const { client, login } = createDiscordClient(config);
  const postRest = createDiscordPostRest(config);
  const poster = createDiscordPoster(config, log);
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
    if (connected) deps.onDown?.({ platform: 'discord', reason: `Discord closed the connection: ${closedFor}` });
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
  client.on(Events.InteractionCreate, (interaction) => void routeInteraction(interaction, ctx));
  if (ctx.help !== undefined) {
    client.on(Events.MessageCreate, (message) =>
      void handleHelpChannelMessage(message, ctx).catch((err: unknown) => log.error({ err }, `auto-answer failed: ${err instanceof Error ? err.message : String(err)}`)),
    );
  }

  // A plain listener, not events.once: that would reject (unhandled) on a later 'error' event.
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await login();
    if (!client.isReady()) await ready;
  } catch (err) {
    await client.destroy().catch(() => undefined);
    if (closedFor !== undefined) throw new StartupError(`Discord closed the connection: ${closedFor}`);
    if (isInvalidTokenError(err)) throw new StartupError('Discord rejected DISCORD_TOKEN: check the bot token on the Bot page of the Developer Portal (Reset Token, then copy it)');
    throw new StartupError(`Could not connect to Discord${config.apiUrl !== undefined ? ` at ${config.apiUrl}` : ''}: ${describeDiscordError(err).reason}`);
  }
  connected = true;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'Discord bot connected');

  return {
    platform: 'discord',
    post: (channelId: string, card: Card) => poster.post(channelId, card),
    async stop() {
      client.removeAllListeners(Events.InteractionCreate);
      client.removeAllListeners(Events.MessageCreate);
      await client.destroy();
    },
  };
}
