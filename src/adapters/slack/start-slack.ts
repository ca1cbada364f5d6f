import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, SocketModeReceiver } from '@slack/bolt';
import type { Card } from '../../core/card.js';
import { refuseWhileDraining } from '../../http/drain-gate.js';
import { NO_METRICS } from '../../metrics/bot-metrics.js';
import { StartupError, type AdapterDeps, type RunningAdapter } from '../adapter.js';
import { toBoltLogger } from './bolt-logger.js';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackAppOptions } from './create-slack-app.js';
import { registerListeners } from './listeners/index.js';
import { describeSlackError, hintFor, isAuthFailure, toStartupError } from './slack-errors.js';
import { slackPoster } from './slack-poster.js';

export interface StartSlackOptions {
  /** HTTP mode: the interface to listen on. Default: HOST (0.0.0.0, every IPv4 interface). Tests use 127.0.0.1. */
  host?: string;
  /** HTTP mode: overrides config.port; 0 picks a free port (tests, the bench). */
  port?: number;
  /** Bounds of the calls users wait on; tests shorten the timeout so a hang ends quickly. */
  interactive?: SlackAppOptions['interactive'];
  socket?: SlackAppOptions['socket'];
}

export interface RunningSlack extends RunningAdapter {
  mode: 'socket' | 'http';
  /** The bot's own user id, from auth.test. */
  botUserId?: string;
  /** HTTP mode: where the app listens (`/slack/events`). */
  address?: { host: string; port: number };
  app: App;
}

/**
 * Starts the Slack adapter: auth.test (a bad token ends here, as one line),
 * then the Socket Mode connection or the HTTP listener.
 */
export async function startSlack(deps: AdapterDeps, options: StartSlackOptions = {}): Promise<RunningSlack> {
  const config = deps.config.slack;
  if (!config) throw new StartupError('Slack is not configured: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (or SLACK_SIGNING_SECRET)');
  const log = deps.log.child({ adapter: 'slack' });
  const metrics = deps.metrics ?? NO_METRICS;
  // Slack answering a running bot that its token is no good (the app uninstalled, the token
  // revoked): every answer and tip fails from then on, so the adapter is down, not flaky.
  let running = false;
  let rejectedWith: string | undefined;
  const onApiError = (code: string) => {
    metrics.platformApiError('slack', code);
    if (!running || rejectedWith !== undefined || !isAuthFailure(code)) return;
    rejectedWith = code;
    deps.onDown?.({ platform: 'slack', reason: `Slack rejected the app's token while running (${code}): ${hintFor(code) ?? 'reinstall the app and set the new tokens'}, then restart` });
  };
  let slack;
  try {
    slack = await createSlackApp(config, {
      logger: toBoltLogger(log),
      onApiError,
      ...(deps.http !== undefined && { customRoutes: deps.http.routes }),
      ...(options.interactive !== undefined && { interactive: options.interactive }),
      ...(options.socket !== undefined && { socket: options.socket }),
    });
  } catch (err) {
    throw toStartupError(err, 'bot', config.apiUrl);
  }
  const { app, postClient, identity, receiver } = slack;
  if (deps.http !== undefined && 'requestListener' in receiver) receiver.requestListener = refuseWhileDraining(deps.http.gate, receiver.requestListener);
  // First middleware: times every request to the end of its listener, and keeps it until then so stop() can let it finish.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const started = performance.now();
    const run = next();
    inFlight.add(run);
    try {
      await run;
    } finally {
      inFlight.delete(run);
      metrics.answerDuration('slack', (performance.now() - started) / 1000);
    }
  });
  const poster = slackPoster(postClient);
  const botUserId = identity.botUserId;
  const team = identity.team;
  registerListeners(app, {
    core: deps.core,
    repeatGuard: deps.repeatGuard,
    log,
    clock: deps.clock ?? (() => new Date()),
    ...(deps.reports !== undefined && { reports: deps.reports }),
    ...(deps.deliveries !== undefined && { deliveries: deps.deliveries }),
    adminUserIds: config.adminUserIds,
    ...(deps.helpChannels !== undefined && { help: { store: deps.helpChannels, policy: deps.config.autoAnswer } }),
    ...(deps.tips !== undefined && { tips: { ...deps.tips, poster } }),
  });

  let address: RunningSlack['address'];
  if (config.mode === 'http') {
    const port = options.port ?? config.port;
    const host = options.host ?? deps.config.http.host;
    let server: Server;
    try {
      server = (await app.start({ port, host })) as Server;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new StartupError(
        code === 'EADDRINUSE'
          ? `PORT ${port} is already in use: stop the other process or set PORT`
          : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
            ? `HOST ${deps.config.http.host} is not an address of this machine: set HOST to one of its interfaces (or 0.0.0.0 for all)`
            : `Slack HTTP listener failed on HOST ${deps.config.http.host}, PORT ${port}: ${String(err)}`,
      );
    }
    const bound = server.address() as AddressInfo;
    address = { host: bound.address, port: bound.port };
    log.info({ botUserId, team, host: bound.address, port: bound.port }, `Slack adapter listening (HTTP mode) on ${bound.address} port ${bound.port}, path ${SLACK_EVENTS_PATH}`);
  } else {
    try {
      await app.start();
    } catch (err) {
      await app.stop().catch(() => undefined);
      throw toStartupError(err, 'app', config.apiUrl);
    }
    log.info({ botUserId, team }, 'Slack adapter connected (Socket Mode)');
  }

  running = true;
  let stopped = false;
  return {
    platform: 'slack',
    mode: config.mode,
    app,
    ...(botUserId !== undefined && { botUserId }),
    ...(address !== undefined && { address }),
    // Failures are logged once, by the tip scheduler that decides whether to retry.
    post: (channelId: string, card: Card) => poster.post(channelId, card),
    isReady: () => rejectedWith === undefined && (slack.mode === 'http' ? true : (slack.receiver as SocketModeReceiver).client.websocket?.isActive() === true),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Listeners already running finish first (main.ts bounds the whole shutdown); the drain gate refuses new requests.
      await Promise.allSettled([...inFlight]);
      try {
        await app.stop();
      } catch (err) {
        log.warn(`Slack adapter did not stop cleanly: ${describeSlackError(err).message}`);
      }
    },
  };
}
