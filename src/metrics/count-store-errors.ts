import type { BotMetrics } from './bot-metrics.js';

/**
 * Wraps a store object (repeat guard, help channels, recorder, report store)
 * so every method that throws or rejects is counted as a store error under
 * `<what>.<method>`, then fails exactly as before. Works for today's
 * synchronous store and for a Promise-returning one alike.
 */
export function countStoreErrors<T extends object>(target: T, what: string, metrics: BotMetrics): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value: unknown = Reflect.get(obj, key, receiver);
      if (typeof value !== 'function') return value;
      const operation = `${what}.${String(key)}`;
      return (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(obj, args);
        } catch (err) {
          metrics.storeError(operation);
          throw err;
        }
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            metrics.storeError(operation);
            throw err;
          });
        }
        return result;
      };
    },
  });
}
