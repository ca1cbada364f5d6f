import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

/**
 * Bolt, its Web API client and the Socket Mode client log through this, so
 * their lines land in our pino stream (with token scrubbing) instead of the
 * console. The level belongs to LOG_LEVEL, so setLevel is ignored.
 */
export function toBoltLogger(log: Logger): BoltLogger {
  const line = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  const err = (parts: unknown[]) => parts.find((p): p is Error => p instanceof Error);
  return {
    debug: (...msg: unknown[]) => log.debug(line(msg)),
    info: (...msg: unknown[]) => log.info(line(msg)),
    warn: (...msg: unknown[]) => log.warn(line(msg)),
    error: (...msg: unknown[]) => {
      const e = err(msg);
      if (e) log.error({ err: e }, line(msg));
      else log.error(line(msg));
    },
    setLevel: () => undefined,
    getLevel: () => {
      switch (log.level) {
        case 'trace':
        case 'debug':
          return LogLevel.DEBUG;
        case 'info':
          return LogLevel.INFO;
        case 'warn':
          return LogLevel.WARN;
        default:
          return LogLevel.ERROR;
      }
    },
    setName: () => undefined,
  };
}
