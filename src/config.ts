import { config as loadDotenv } from 'dotenv';
import { isIP } from 'node:net';
import { z } from 'zod';
import { Cron } from 'croner';
import type { AutoAnswerPolicy } from './core/help-channels.js';

/** The auto-answer rate limit's window; its count is AUTOANSWER_MAX_PER_10_MINUTES. */
const AUTOANSWER_WINDOW_SECONDS = 600;

/**
 * Every environment variable the bot reads. `.env.example` documents each one;
 * keep the two in step.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const idList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );

const booleanText = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    });

const urlText = optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
  message: 'must be an http(s) URL',
});

const prefixed = (prefix: string) =>
  optionalText.refine((v) => v === undefined || v.startsWith(prefix), {
    message: `must start with ${prefix}`,
  });

const snowflake = optionalText.refine((v) => v === undefined || /^\d{15,21}$/.test(v), {
  message: 'must be a Discord id (15 to 21 digits)',
});

/** A whole number in [min, max]; unset stays undefined (the feature is off). */
const optionalIntText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** Like optionalIntText, with `fallback` when unset. */
const intText = (fallback: number, min: number, max: number) => optionalIntText(min, max).transform((n) => n ?? fallback);

const probabilityText = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a number from ${min} to ${max} (a probability, e.g. 0.9)` });
        return z.NEVER;
      }
      return n;
    });

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const envSchema = z
  .object({
    LOG_LEVEL: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((v) => (v === undefined || v === '' ? 'info' : v))
      .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })),
    KNOWLEDGE_DIR: optionalText,
    SLACK_BOT_TOKEN: prefixed('xoxb-'),
    SLACK_APP_TOKEN: prefixed('xapp-'),
    SLACK_SIGNING_SECRET: optionalText.refine((v) => v === undefined || /^[0-9a-f]{16,}$/i.test(v), {
      message: 'must be the hexadecimal signing secret from Basic Information',
    }),
    SLACK_API_URL: urlText,
    PORT: intText(3000, 1, 65535),
    // Every interface by default, IPv6 included, as a load balancer or container expects.
    HOST: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === undefined || v === '' ? '0.0.0.0' : v))
      // An IP address, or a host name that is not digits and dots (999.1.1.1 is neither: caught here, not at listen time).
      .refine((v) => isIP(v) !== 0 || (/^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}$/.test(v) && !/^[\d.]+$/.test(v)), {
        message: 'must be an interface address or host name, e.g. 0.0.0.0, 127.0.0.1 or ::',
      }),
    HEALTH_PORT: optionalIntText(1, 65535),
    DISCORD_TOKEN: optionalText.refine((v) => v === undefined || /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v), {
      message: 'must be a bot token (three dot-separated parts, from the Bot page)',
    }),
    DISCORD_APPLICATION_ID: snowflake,
    DISCORD_GUILD_ID: snowflake,
    DISCORD_API_URL: urlText,
    // Ed25519 public keys are 32 bytes; the Developer Portal shows them as 64 hex digits.
    DISCORD_PUBLIC_KEY: optionalText.refine((v) => v === undefined || /^[0-9a-f]{64}$/i.test(v), {
      message: 'must be the Public Key from General Information (64 hexadecimal characters)',
    }),
    TIP_SCHEDULE: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === undefined || v === '' ? '0 9 * * 1-5' : v))
      .superRefine((v, ctx) => {
        try {
          new Cron(v, { paused: true }).stop();
        } catch (err) {
          const reason = (err as Error).message.replace(/^CronPattern: /, '').split(/[.:]/)[0];
          ctx.addIssue({ code: 'custom', message: `must be a cron expression: minute hour day month weekday, optionally seconds first, e.g. "0 9 * * 1-5" (${reason})` });
        }
      }),
    TIP_TIMEZONE: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === undefined || v === '' ? 'UTC' : v))
      .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or UTC' }),
    SLACK_TIP_CHANNELS: idList,
    DISCORD_TIP_CHANNELS: idList,
    DATA_DIR: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v === undefined || v === '' ? './data' : v)),
    STORE_QUESTIONS: booleanText(true),
    DATABASE_URL: optionalText.superRefine((v, ctx) => {
      const problem = v === undefined ? undefined : postgresUrlProblem(v);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
    DATABASE_POOL_SIZE: intText(10, 1, 100),
    REPEAT_COOLDOWN_SECONDS: intText(120, 0, 86_400),
    ADMIN_USER_IDS: idList,
    // Below the engine's own answer bar (0.5) an auto-answer would be a guess nobody asked for.
    AUTOANSWER_MIN_CONFIDENCE: probabilityText(0.9, 0.5, 1),
    AUTOANSWER_MAX_PER_10_MINUTES: intText(5, 1, 100),
    DISCORD_HELP_CHANNELS_ENABLED: booleanText(false),
  });

type Env = z.infer<typeof envSchema>;

/**
 * Rules between variables. Checked on the raw strings, apart from the schema,
 * so they are reported together with every per-variable problem.
 */
function crossFieldProblems(raw: Record<string, string | undefined>): string[] {
  const set = (key: string) => (raw[key] ?? '').trim() !== '';
  const list = (key: string) =>
    (raw[key] ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
  const problems: string[] = [];
  if ((set('SLACK_APP_TOKEN') || set('SLACK_SIGNING_SECRET')) && !set('SLACK_BOT_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set (starts with xoxb-)');
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (xapp- token for Socket Mode, or the signing secret for HTTP mode)');
  }
  const slackChannels = list('SLACK_TIP_CHANNELS');
  const discordChannels = list('DISCORD_TIP_CHANNELS');
  if (slackChannels.length > 0 && !set('SLACK_BOT_TOKEN')) problems.push('SLACK_TIP_CHANNELS needs Slack to be configured (SLACK_BOT_TOKEN)');
  if (discordChannels.length > 0 && !set('DISCORD_TOKEN')) problems.push('DISCORD_TIP_CHANNELS needs Discord to be configured (DISCORD_TOKEN)');
  if (slackChannels.some((id) => !/^[CGD][A-Z0-9]{6,}$/.test(id))) {
    problems.push('SLACK_TIP_CHANNELS must be comma-separated Slack channel ids such as C0123ABCD (not #names)');
  }
  if (list('ADMIN_USER_IDS').some((id) => !/^[UW][A-Z0-9]{2,20}$/.test(id))) {
    problems.push('ADMIN_USER_IDS must be comma-separated Slack user ids such as U0123ABCD (from a profile: ⋮ → Copy member ID), not names');
  }
  if (list('ADMIN_USER_IDS').length > 0 && !set('SLACK_BOT_TOKEN')) problems.push('ADMIN_USER_IDS needs Slack to be configured (SLACK_BOT_TOKEN)');
  if (raw['DISCORD_HELP_CHANNELS_ENABLED'] !== undefined && ['true', '1', 'yes', 'on'].includes(raw['DISCORD_HELP_CHANNELS_ENABLED'].trim().toLowerCase()) && !set('DISCORD_TOKEN')) {
    problems.push('DISCORD_HELP_CHANNELS_ENABLED needs Discord to be configured (DISCORD_TOKEN)');
  }
  if (set('DISCORD_PUBLIC_KEY') && !set('DISCORD_TOKEN')) {
    problems.push('DISCORD_PUBLIC_KEY needs Discord to be configured (DISCORD_TOKEN: replies to messages, tips and help channels post with the bot token)');
  }
  if (discordChannels.some((id) => !/^\d{15,21}$/.test(id))) {
    problems.push('DISCORD_TIP_CHANNELS must be comma-separated Discord channel ids (digits)');
  }
  return problems;
}

export type SlackConfig =
  | { mode: 'socket'; botToken: string; appToken: string; signingSecret?: string; apiUrl?: string; tipChannels: string[]; adminUserIds: string[] }
  | { mode: 'http'; botToken: string; signingSecret: string; port: number; apiUrl?: string; tipChannels: string[]; adminUserIds: string[] };

export interface DiscordConfig {
  token: string;
  applicationId?: string;
  guildId?: string;
  apiUrl?: string;
  tipChannels: string[];
  /**
   * DISCORD_PUBLIC_KEY (hex): interactions arrive over HTTP at POST /discord/interactions
   * (the Interactions Endpoint URL) instead of the gateway.
   */
  publicKey?: string;
  /** DISCORD_HELP_CHANNELS_ENABLED: read messages (Guild Messages + the privileged Message Content intent) for help channels. */
  helpChannelsEnabled: boolean;
}

/**
 * The bot's own HTTP listener (see src/http/http-server.ts). Slack HTTP mode and
 * Discord HTTP interactions share PORT with the health and metrics routes;
 * otherwise the health and metrics routes are served on HEALTH_PORT, when set.
 */
export interface HttpConfig {
  /** HOST: the interface every listener binds. */
  host: string;
  /** PORT. */
  port: number;
  /** HEALTH_PORT: Socket Mode and Discord-gateway-only deployments. */
  healthPort?: number;
}

export interface Config {
  logLevel: Env['LOG_LEVEL'];
  http: HttpConfig;
  knowledgeDir?: string;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  tips: { schedule: string; timezone: string };
  dataDir: string;
  /** DATABASE_URL: the shared PostgreSQL store for several bot copies; unset means SQLite in dataDir. */
  databaseUrl?: string;
  /** DATABASE_POOL_SIZE: connections one copy holds at most. */
  databasePoolSize: number;
  storeQuestions: boolean;
  repeatCooldownSeconds: number;
  /** Help-channel mode: when the bot answers unasked, and how often. */
  autoAnswer: AutoAnswerPolicy;
}

/** Raised for a bad environment; its message is the whole, user-facing explanation. */
export class ConfigError extends Error {
  readonly code = 'E_CONFIG';
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length === 1 ? '' : 's'} (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a DATABASE_URL, in words an operator can act on; undefined when pg can use it.
 * The password is never echoed.
 */
function postgresUrlProblem(v: string): string | undefined {
  const example = 'such as postgres://vmvc:secret@db.internal:5432/vmvc (leave it unset for the embedded SQLite file in DATA_DIR)';
  if (!/^postgres(ql)?:\/\/\S+$/.test(v)) return `must be a PostgreSQL URL ${example}`;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return `is not a URL pg can read: check the port (1 to 65535) and percent-encode any # ? / @ : in the user or password (e.g. # as %23), ${example}`;
  }
  if (url.hash !== '' || url.hostname === '') return `is cut short by a # ? / or @ in the user or password: percent-encode them (e.g. # as %23), ${example}`;
  return undefined;
}

/** Validates an environment object; pure, so tests pass plain objects. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  problems.push(...crossFieldProblems(source));
  if (!result.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const env = result.data;
  let slack: SlackConfig | undefined;
  if (env.SLACK_BOT_TOKEN !== undefined) {
    slack =
      env.SLACK_APP_TOKEN !== undefined
        ? {
            mode: 'socket',
            botToken: env.SLACK_BOT_TOKEN,
            appToken: env.SLACK_APP_TOKEN,
            ...(env.SLACK_SIGNING_SECRET !== undefined && { signingSecret: env.SLACK_SIGNING_SECRET }),
            ...(env.SLACK_API_URL !== undefined && { apiUrl: env.SLACK_API_URL }),
            tipChannels: env.SLACK_TIP_CHANNELS,
            adminUserIds: env.ADMIN_USER_IDS,
          }
        : {
            mode: 'http',
            botToken: env.SLACK_BOT_TOKEN,
            signingSecret: env.SLACK_SIGNING_SECRET as string, // crossFieldProblems guarantees it
            port: env.PORT,
            ...(env.SLACK_API_URL !== undefined && { apiUrl: env.SLACK_API_URL }),
            tipChannels: env.SLACK_TIP_CHANNELS,
            adminUserIds: env.ADMIN_USER_IDS,
          };
  }
  const discord: DiscordConfig | undefined =
    env.DISCORD_TOKEN === undefined
      ? undefined
      : {
          token: env.DISCORD_TOKEN,
          ...(env.DISCORD_APPLICATION_ID !== undefined && { applicationId: env.DISCORD_APPLICATION_ID }),
          ...(env.DISCORD_GUILD_ID !== undefined && { guildId: env.DISCORD_GUILD_ID }),
          ...(env.DISCORD_API_URL !== undefined && { apiUrl: env.DISCORD_API_URL }),
          ...(env.DISCORD_PUBLIC_KEY !== undefined && { publicKey: env.DISCORD_PUBLIC_KEY.toLowerCase() }),
          tipChannels: env.DISCORD_TIP_CHANNELS,
          helpChannelsEnabled: env.DISCORD_HELP_CHANNELS_ENABLED,
        };
  return {
    logLevel: env.LOG_LEVEL,
    http: { host: env.HOST, port: env.PORT, ...(env.HEALTH_PORT !== undefined && { healthPort: env.HEALTH_PORT }) },
    ...(env.KNOWLEDGE_DIR !== undefined && { knowledgeDir: env.KNOWLEDGE_DIR }),
    ...(slack && { slack }),
    ...(discord && { discord }),
    tips: { schedule: env.TIP_SCHEDULE, timezone: env.TIP_TIMEZONE },
    dataDir: env.DATA_DIR,
    ...(env.DATABASE_URL !== undefined && { databaseUrl: env.DATABASE_URL }),
    databasePoolSize: env.DATABASE_POOL_SIZE,
    storeQuestions: env.STORE_QUESTIONS,
    repeatCooldownSeconds: env.REPEAT_COOLDOWN_SECONDS,
    autoAnswer: {
      minConfidence: env.AUTOANSWER_MIN_CONFIDENCE,
      maxPerWindow: env.AUTOANSWER_MAX_PER_10_MINUTES,
      windowSeconds: AUTOANSWER_WINDOW_SECONDS,
    },
  };
}

/** Reads `.env` (without overriding the real environment), then validates. */
export function loadConfig(envFile = '.env'): Config {
  loadDotenv({ path: envFile, quiet: true });
  return parseConfig(process.env);
}

/** Names the adapters a config enables, for the start-up line. */
export function describeAdapters(config: Config): string[] {
  const names: string[] = [];
  if (config.slack) names.push(`slack (${config.slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${config.slack.port}`})`);
  if (config.discord) names.push(config.discord.publicKey !== undefined ? `discord (HTTP interactions on port ${config.http.port})` : 'discord');
  if (names.length === 0) names.push('console');
  return names;
}
