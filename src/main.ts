import { ConfigError, describeAdapters, loadConfig, type Config } from './config.js';
import { createCore } from './core/create-core.js';
import { committedModels } from './core/match/committed-models.js';
import { KnowledgeError, loadKnowledge } from './core/knowledge/load.js';
import { openStorage } from './store/open-storage.js';
import { StoreError } from './store/store-error.js';
import { importEnvTipChannels } from './tips/env-import.js';
import { startTipScheduler, type TipScheduler } from './tips/tip-scheduler.js';
import { createLogger } from './log.js';
import { runConsole } from './adapters/console/start-console.js';
import { StartupError, type AdapterDeps, type AdapterDown, type RunningAdapter } from './adapters/adapter.js';
import { createDrainGate } from './http/drain-gate.js';
import { healthRoutes, type ReadinessCheck } from './http/health-routes.js';
import { startHttpServer, type RunningHttpServer } from './http/http-server.js';
import { planHttp } from './http/http-plan.js';
import { DISCORD_INTERACTIONS_PATH } from './http/paths.js';
import { sendEmpty, type HttpRoute } from './http/routes.js';
import type { PrometheusMetrics } from './metrics/prometheus.js';
import { countQuestions } from './metrics/count-questions.js';
import { countStoreErrors } from './metrics/count-store-errors.js';

/**
 * How long a SIGTERM/SIGINT shutdown may take before the process exits anyway:
 * the bound on finishing work in flight. Bolt's HTTP server waits for every
 * open request to end, and a client that never finishes sending one (a
 * stalled load balancer, a port scanner) would hold the process for Node's
 * 5-minute request timeout. 8 s stays under Docker's and Kubernetes' 10 s
 * default grace before SIGKILL, so the warning below still gets logged.
 */
const SHUTDOWN_DEADLINE_MS = 8_000;
/** After the deadline, how long the store may still take to close: within Docker's 10 s, with room for the log line. */
const STORE_CLOSE_GRACE_MS = 1_000;

/** Operator mistakes end in one line on stderr and exit 1, never a stack trace. */
function fail(message: string): never {
  process.stderr.write(`vmvc: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const consoleMode = !config.slack && !config.discord;
  // In console mode the terminal is the chat, so logs go to stderr and only warnings show.
  const log = consoleMode
    ? createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: process.stderr })
    : createLogger({ level: config.logLevel });
  // A stray rejection in a listener must not take the bot down for everyone; it is logged instead.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, `unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`));

  let knowledge;
  try {
    knowledge = loadKnowledge(config.knowledgeDir);
  } catch (err) {
    if (err instanceof KnowledgeError) fail(`${err.message}\nFix the files above, then run \`npx vmvc check\`.`);
    throw err;
  }
  try {
    // Before the store is opened or migrated: weights fitted for other features are a broken build.
    committedModels();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  let store;
  try {
    store = await openStorage(config);
  } catch (err) {
    if (err instanceof StoreError) fail(err.message);
    throw err;
  }
  // prom-client only for the bot: the console and its tests never load it.
  const metrics: PrometheusMetrics | undefined = consoleMode ? undefined : (await import('./metrics/prometheus.js')).createPrometheusMetrics();
  // Every store call the bot makes is counted when it fails (vmvc_store_errors_total), then fails as before.
  const counted = <T extends object>(target: T, what: string): T => (metrics ? countStoreErrors(target, what, metrics) : target);
  const core = createCore(knowledge, {
    recorder: metrics ? countQuestions(counted(store.recorder, 'recorder'), metrics) : store.recorder,
    tipVotes: counted(store, 'store'),
    onRecordError: (err, what) => log.warn({ err }, `could not store the ${what} (the answer was still sent): ${err instanceof Error ? err.message : String(err)}`),
  });
  const repeatGuard = counted(store.repeatGuard(config.repeatCooldownSeconds), 'repeatGuard');
  const summary = `loaded ${knowledge.faq.length} FAQ entries, ${knowledge.comparison.length} comparison dimensions, ${knowledge.tips.length} tips from ${knowledge.sources.length} sources`;
  const adapters = describeAdapters(config);

  if (consoleMode) {
    process.stdout.write(`vmvc: ${summary}\nvmvc: adapters: ${adapters.join(', ')} (no Slack or Discord tokens set; see .env.example)\n`);
    await runConsole(core, { input: process.stdin, output: process.stdout });
    await store.close();
    return;
  }

  log.info({ faq: knowledge.faq.length, comparison: knowledge.comparison.length, tips: knowledge.tips.length }, summary);
  log.info({ store: store.description }, `store: ${store.description}`);
  log.info({ adapters }, `adapters: ${adapters.join(', ')}`);
  const running: RunningAdapter[] = [];
  const openStoreHandle = store;
  let tips: TipScheduler | undefined;
  let httpServer: RunningHttpServer | undefined;
  // Closed first on shutdown: /readyz says 503 and new requests are refused while work in flight finishes.
  const gate = createDrainGate();
  const stopAll = async () => {
    gate.close();
    await tips?.stop();
    await Promise.allSettled(running.map((a) => a.stop()));
    await httpServer?.close();
    await openStoreHandle.close();
  };
  const down = new Set<string>();
  // An adapter that died for good (Discord revoked the token) must not leave a deaf
  // process behind: with nothing else answering, exit 1 so a supervisor's
  // restart-on-failure fires; otherwise say loudly which adapter is down.
  const onDown = ({ platform, reason }: AdapterDown) => {
    down.add(platform);
    const alive = running.filter((a) => !down.has(a.platform)).map((a) => a.platform);
    if (alive.length > 0) {
      log.error({ adapter: platform, status: 'down', alive }, `${platform} adapter is down (${alive.join(', ')} still running): ${reason}`);
      return;
    }
    // The line and the exit code come first: with the gateway gone, the loop may drain before stopAll settles.
    process.stderr.write(`vmvc: ${reason}\n`);
    process.exitCode = 1;
    void stopAll()
      .catch((err: unknown) => log.error({ err }, 'error while shutting down'))
      .finally(() => process.exit(1));
  };
  const readiness: Record<string, ReadinessCheck> = {
    knowledge: () => knowledge.faq.length > 0,
    // A trivial query: the database is open and answers now (not closed, locked past its busy timeout, or unreachable).
    store: () => store.ping(),
  };
  for (const platform of [...(config.slack ? ['slack' as const] : []), ...(config.discord ? ['discord' as const] : [])]) {
    readiness[platform] = () => {
      const adapter = running.find((a) => a.platform === platform);
      return adapter !== undefined && !down.has(platform) && (adapter.isReady?.() ?? true);
    };
  }
  // Discord's route exists once the adapter has started; until then Discord is told to come back (503).
  let discordInteractions: HttpRoute | undefined;
  const routes: HttpRoute[] = [
    ...healthRoutes({ gate, checks: readiness }),
    ...(metrics ? [metrics.route()] : []),
    ...(config.discord?.publicKey !== undefined
      ? [{ method: 'POST' as const, path: DISCORD_INTERACTIONS_PATH, handler: (req, res) => (discordInteractions ? discordInteractions.handler(req, res) : sendEmpty(res, 503)) } satisfies HttpRoute]
      : []),
  ];
  const plan = planHttp(config);
  const deps: AdapterDeps = {
    config,
    core,
    log,
    repeatGuard,
    onDown,
    reports: counted(store, 'store'),
    helpChannels: counted(store.helpChannels, 'helpChannels'),
    tips: { store: counted(store, 'store'), defaultTimezone: config.tips.timezone },
    deliveries: counted(store, 'store'),
    ...(metrics && { metrics }),
    ...(plan.kind === 'bolt' && { http: { routes, gate } }),
  };
  try {
    // Imported on demand so the console never loads Bolt or discord.js.
    if (config.slack) {
      const { startSlack } = await import('./adapters/slack/start-slack.js');
      running.push(await startSlack(deps)); // adapters make their own child loggers
    }
    if (config.discord) {
      const { startDiscord } = await import('./adapters/discord/start-discord.js');
      const discord = await startDiscord(deps);
      discordInteractions = discord.interactionsRoute;
      running.push(discord);
    }
    if (plan.kind === 'own') httpServer = await startHttpServer({ host: config.http.host, port: plan.port, portVariable: plan.portVariable, routes, gate, log });
  } catch (err) {
    await Promise.allSettled(running.map((a) => a.stop()));
    await store.close();
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
  // The environment's tip channels become subscriptions once; then the store is the truth (README, Daily tips).
  await importEnvTipChannels(store, config, new Date(), log).catch((err: unknown) => log.error({ err }, 'could not import the tip channels from the environment'));
  tips = startTipScheduler({
    store: counted(store, 'store'),
    posters: running,
    knowledge,
    log,
    ...(metrics && { onResult: (platform, result) => metrics.tipPost(platform, result) }),
  });
  const httpAt = plan.kind === 'bolt' ? `${config.http.host}:${plan.port}` : httpServer ? `${httpServer.address.host}:${httpServer.address.port}` : undefined;
  if (httpAt !== undefined) log.info({ http: httpAt, routes: routes.map((r) => `${r.method} ${r.path}`) }, `HTTP on ${httpAt}: ${routes.map((r) => r.path).join(', ')}`);
  const subscribed = await store.tipSubscriptions().then((subs) => subs.filter((s) => !s.pausedAt).length, () => 0);
  log.info({ tipChannels: subscribed }, `vmvc is running: ${adapters.join(', ')}; daily tips to ${subscribed} channel(s)`);
  const shutdown = async (signal: string) => {
    gate.close();
    log.info({ signal }, 'shutting down');
    // unref: a shutdown that finishes in time must not wait for the deadline.
    setTimeout(() => {
      log.warn({ signal, deadlineMs: SHUTDOWN_DEADLINE_MS }, `shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s (a client is still holding a request open); exiting anyway`);
      // Every write commits on its own; the store gets a last moment to finish writes in flight (PostgreSQL's background ones) before the exit.
      void Promise.race([openStoreHandle.close(), new Promise((resolve) => setTimeout(resolve, STORE_CLOSE_GRACE_MS))]).finally(() => process.exit(0));
    }, SHUTDOWN_DEADLINE_MS).unref();
    try {
      await stopAll();
    } catch (err) {
      log.error({ err }, 'error while shutting down');
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`vmvc: unexpected start-up failure: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
