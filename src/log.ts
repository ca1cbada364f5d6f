import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field paths that may hold secrets anywhere we log them. pino's fast-redact
 * handles one wildcard level, so the common nestings are listed explicitly.
 */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'password',
  'authorization',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.password',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'config.slack.botToken',
  'config.slack.appToken',
  'config.slack.signingSecret',
  'config.discord.token',
  'databaseUrl',
  '*.databaseUrl',
  'config.databaseUrl',
];

/** Token shapes that can also leak through error messages, not just fields. */
const SECRET_PATTERNS: RegExp[] = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  // Discord bot tokens: base64 user id . timestamp . hmac
  /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g,
  /Bot [A-Za-z0-9._-]{30,}/g,
  // Slack response_url and webhook URLs let anyone holding them post for 30 minutes.
  /https:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"']+/g,
  // Discord interaction tokens inside webhook and interaction-callback paths.
  /\/webhooks\/\d+\/[A-Za-z0-9._-]{20,}/g,
  /\/interactions\/\d+\/[A-Za-z0-9._-]{20,}/g,
  // The password in a database URL (postgres://user:password@host); the rest of the URL stays readable.
  /(?<=postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+(?=@)/g,
  /(?<=[?&](?:ssl)?password=)[^&\s"']+/gi,
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[Redacted]');
  return out;
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (depth > 3 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const copy = new Error(scrubSecrets(value.message));
    copy.name = value.name;
    if (value.stack) copy.stack = scrubSecrets(value.stack);
    for (const [k, v] of Object.entries(value)) (copy as unknown as Record<string, unknown>)[k] = scrubValue(v, depth + 1);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Human-readable output; defaults to "stdout is a terminal". */
  pretty?: boolean;
}

/** One logger for the process; adapters take child loggers (`log.child({ adapter: 'slack' })`). */
export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  const base: pino.LoggerOptions = {
    name: 'vmvc',
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    hooks: {
      // Field redaction cannot see a token inside a message or an error, so scrub those too.
      logMethod(args, method) {
        method.apply(this, args.map((a) => scrubValue(a)) as Parameters<typeof method>);
      },
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' } },
    });
  }
  return pino(base);
}
