import { afterEach, describe, expect, it } from 'vitest';
import { createDrainGate, type DrainGate } from '../../src/http/drain-gate.js';
import { healthRoutes, type ReadinessCheck } from '../../src/http/health-routes.js';
import { startHttpServer, type RunningHttpServer } from '../../src/http/http-server.js';
import { createLogger } from '../../src/log.js';

/** /healthz and /readyz over real HTTP, with readiness checks that pass, fail, throw, reject and hang. */
const servers: RunningHttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(checks: Record<string, ReadinessCheck>, gate: DrainGate = createDrainGate()): Promise<string> {
  const server = await startHttpServer({ host: '127.0.0.1', port: 0, routes: healthRoutes({ gate, checks }), gate, log: createLogger({ level: 'silent' }), portVariable: 'HEALTH_PORT' });
  servers.push(server);
  return `http://127.0.0.1:${server.address.port}`;
}

describe('health routes', () => {
  it('/readyz is 200 when every check passes (true, nothing, a resolved promise)', async () => {
    const base = await serve({ a: () => true, b: () => undefined, c: async () => undefined });
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, checks: { a: 'ok', b: 'ok', c: 'ok' } });
  });

  it('/readyz is 503 naming each check that returned false, threw, rejected or hung, while /healthz stays 200', async () => {
    const base = await serve({
      knowledge: () => true,
      store: () => {
        throw new Error('SQLITE_BUSY');
      },
      slack: () => false,
      discord: () => Promise.reject(new Error('down')),
      hung: () => new Promise<void>(() => undefined),
    });
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      ready: false,
      notReady: ['store', 'slack', 'discord', 'hung'],
      checks: { knowledge: 'ok', store: 'not ready', slack: 'not ready', discord: 'not ready', hung: 'not ready' },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('once the drain gate is closed, /readyz is 503 with shutting-down and every other request is refused with 503', async () => {
    const gate = createDrainGate();
    const base = await serve({ knowledge: () => true }, gate);
    gate.close();
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, notReady: ['shutting-down'] });
    const healthz = await fetch(`${base}/healthz`);
    expect(healthz.status).toBe(503);
    expect(healthz.headers.get('connection')).toBe('close');
  });

  it('answers 404 for an unknown path and 405 for a known path with another method', async () => {
    const base = await serve({});
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});
