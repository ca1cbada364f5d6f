import type { DrainGate } from './drain-gate.js';
import { HEALTHZ_PATH, READYZ_PATH } from './paths.js';
import { sendJson, type HttpRoute } from './routes.js';

/**
 * One readiness condition. Ready when it returns true or nothing; not ready
 * when it returns false, throws or rejects, or takes longer than
 * CHECK_TIMEOUT_MS (a store that hangs must not hang the probe too).
 */
export type ReadinessCheck = () => Promise<boolean | void> | boolean | void;

/** Orchestrator probes time out at 1 s by default (Kubernetes timeoutSeconds); answer well inside that. */
const CHECK_TIMEOUT_MS = 800;

async function passes(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS)));
  try {
    const result = await Promise.race([Promise.resolve().then(check), timeout]);
    return result !== false;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthOptions {
  gate: DrainGate;
  /** Named checks, evaluated on each /readyz; main.ts wires knowledge, store and each platform. */
  checks: Readonly<Record<string, ReadinessCheck>>;
}

/**
 * GET /healthz: the process is alive and its event loop answers (200, always).
 * GET /readyz: 200 when every check passes and the bot is not shutting down;
 * otherwise 503 with `notReady` naming what is not (`shutting-down` first).
 */
export function healthRoutes(options: HealthOptions): HttpRoute[] {
  return [
    { method: 'GET', path: HEALTHZ_PATH, handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: READYZ_PATH,
      handler: (_req, res) => {
        const names = Object.keys(options.checks);
        void Promise.all(names.map((name) => passes(options.checks[name] as ReadinessCheck))).then((results) => {
          const checks = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'ok' : 'not ready']));
          const notReady = [...(options.gate.draining ? ['shutting-down'] : []), ...names.filter((_, i) => !results[i])];
          sendJson(res, notReady.length === 0 ? 200 : 503, { ready: notReady.length === 0, ...(notReady.length > 0 && { notReady }), checks });
        });
      },
    },
  ];
}
