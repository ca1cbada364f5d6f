import { Client, GatewayIntentBits, REST, type RESTOptions } from 'discord.js';
import type { DiscordConfig } from '../../config.js';

/**
 * The only file that touches the bot token. Everything else gets a client or a
 * REST instance that already carries it.
 */

/** Interaction callbacks must arrive within 3 s, so waiting out a longer rate limit is pointless: fail and log instead. */
const MAX_RATE_LIMIT_WAIT_MS = 2_500;

/**
 * discord.js appends `/v10` itself, so DISCORD_API_URL is the base
 * (`https://discord.com/api`); tolerate a pasted `/v10` or trailing slash.
 */
export function restBaseUrl(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

function restOptions(config: Pick<DiscordConfig, 'apiUrl'>): Partial<RESTOptions> {
  return {
    ...(config.apiUrl !== undefined && { api: restBaseUrl(config.apiUrl) }),
    rejectOnRateLimit: (info) => Math.max(info.timeToReset, info.retryAfter) > MAX_RATE_LIMIT_WAIT_MS,
    // discord.js re-sends a request after a 5xx or a timeout (3 times by default). An interaction reply or
    // follow-up that failed that way may have been posted, so it is never sent again (tests/adapters/discord/interactions.test.ts).
    retries: 0,
  };
}

export interface DiscordConnection {
  client: Client;
  /** Logs in with the configured token; resolves once the gateway says READY. */
  login(): Promise<void>;
  /**
   * HTTP interactions mode without a gateway: the client never logs in, but its
   * REST client carries the token, as login() would have set it, for the calls
   * handlers make besides interaction callbacks (which need no token).
   */
  useRestOnly(): void;
}

export function createDiscordClient(config: Pick<DiscordConfig, 'token' | 'apiUrl'> & { helpChannelsEnabled?: boolean }): DiscordConnection {
  // Slash commands, autocomplete and buttons arrive as interactions, which need no
  // intent at all; Guilds keeps the channel cache sane. Help channels (opt-in) read
  // messages: Guild Messages, and the privileged Message Content for their text.
  const intents = config.helpChannelsEnabled === true
    ? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent]
    : [GatewayIntentBits.Guilds];
  const client = new Client({ intents, rest: restOptions(config) });
  return {
    client,
    async login() {
      await client.login(config.token);
    },
    useRestOnly() {
      client.rest.setToken(config.token);
    },
  };
}

/** A bare REST client for one-off calls (command registration). */
export function createDiscordRest(config: Pick<DiscordConfig, 'token' | 'apiUrl'>): REST {
  return new REST(restOptions(config)).setToken(config.token);
}

/**
 * REST for posts the tip scheduler owns: no retries and no waiting on rate
 * limits, so post-tip.ts applies one bounded retry policy and a lost reply is
 * never silently re-sent here.
 */
export function createDiscordPostRest(config: Pick<DiscordConfig, 'token' | 'apiUrl'>): REST {
  return new REST({
    ...(config.apiUrl !== undefined && { api: restBaseUrl(config.apiUrl) }),
    rejectOnRateLimit: () => true,
    retries: 0,
  }).setToken(config.token);
}
