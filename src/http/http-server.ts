import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartupError } from '../adapters/adapter.js';
import type { Logger } from '../log.js';
import { refuseWhileDraining, type DrainGate } from './drain-gate.js';
import { sendJson, type HttpRoute } from './routes.js';

/**
 * The bot's own small HTTP server, for what Bolt's receiver does not serve:
 * Discord HTTP interactions without Slack HTTP mode (on PORT), and the health
 * and metrics routes in Socket Mode or Discord-gateway-only mode (on
 * HEALTH_PORT). In Slack HTTP mode the same routes ride on Bolt's server
 * (customRoutes) instead, so there is one port per process either way.
 */
export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  routes: readonly HttpRoute[];
  gate: DrainGate;
  log: Logger;
  /** Names the variable behind `port`, for the "already in use" line. */
  portVariable: 'PORT' | 'HEALTH_PORT';
}

export interface RunningHttpServer {
  address: { host: string; port: number };
  /** Stops accepting connections and resolves when the open requests have ended. */
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { routes, log } = options;
  const server: Server = createServer(
    refuseWhileDraining(options.gate, (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const route = routes.find((r) => r.path === path && r.method === req.method);
      if (route) {
        route.handler(req, res);
        return;
      }
      const known = routes.some((r) => r.path === path);
      sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
    }),
  );
  // Node's default (5 minutes) would let one slow client hold a shutdown; Discord and probes send whole requests at once.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StartupError(
      code === 'EADDRINUSE'
        ? `${options.portVariable} ${options.port} is already in use on ${options.host}: stop the other process or set ${options.portVariable}`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `HOST ${options.host} is not an address of this machine: set HOST to one of its interfaces (or 0.0.0.0 for all)`
          : `HTTP listener failed on ${options.host}:${options.port}: ${(err as Error).message}`,
    );
  }
  server.on('error', (err) => log.error({ err }, `HTTP listener error: ${err.message}`));
  const bound = server.address() as AddressInfo;
  return {
    address: { host: bound.address, port: bound.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections with no request in progress would otherwise hold close() open.
        server.closeIdleConnections();
      }),
  };
}
