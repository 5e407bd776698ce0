// Composition root: the only file that reads the environment, listens, starts cron, or reaches the emulator.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server/index.ts';
import { formatConfigProblems, loadConfig, type Config } from './config/env.ts';
import { withEnvFile } from './config/env-file.ts';
import { createMetrics } from './composition/metrics.ts';
import { buildRouters } from './composition/routers.ts';
import { buildServices, type HubSpotSettings } from './composition/services.ts';
import { encryptionKeyProblem, verifyEncryptionKey } from './install/key-check.ts';
import { createTokenCipher } from './install/token-crypto.ts';
import { registerWorkers } from './composition/workers.ts';
import { scoringPool } from './portal-scoring/scoring-pool.ts';
import { startQueue } from './jobs/queue.ts';
import { startSchedule } from './jobs/schedule.ts';
import { runSandbox } from './sandbox/run-sandbox.ts';
import { createApp, createHealthApp } from './server/create-app.ts';
import { stopWithin } from './composition/shutdown.ts';
import { listen } from './server/listen.ts';
import { systemClock } from './shared/clock.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import type { StoreOptions } from './store/open-store.ts';
import { openStore } from './store/open-store.ts';
import { installationsRepository } from './store/installations-repository.ts';

const SANDBOX_APP_ID = 4242;

type Sandbox = { emulator: Emulator; settings: HubSpotSettings; store: StoreOptions };

/**
 * Sandbox mode: no HubSpot credentials, so a local emulator with a seeded demo portal stands in for HubSpot. The
 * demo portal is generated afresh at every start, so the sandbox store is too (it would otherwise hold tokens and
 * written values of a portal that no longer exists).
 */
const startSandbox = async (config: Config): Promise<Sandbox> => {
  const dataDir = join(config.DATA_DIR, 'sandbox');
  await rm(dataDir, { recursive: true, force: true });
  const clientSecret = randomBytes(24).toString('hex');
  const today = `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
  const emulator = await startEmulator({
    size: config.SANDBOX_SIZE,
    seed: config.SANDBOX_SEED,
    profile: config.SANDBOX_PROFILE,
    now: today,
    host: '127.0.0.1',
    port: config.SANDBOX_EMULATOR_PORT,
    clientId: 'waypoint-sandbox',
    clientSecret,
    appId: SANDBOX_APP_ID,
    redirectUris: [`${config.publicBaseUrl}/oauth/callback`],
    webhookTarget: `${config.publicBaseUrl}/webhooks/hubspot`,
  });
  return {
    emulator,
    store: { kind: 'pglite', dataDir },
    settings: {
      clientId: emulator.clientId, clientSecret, appId: String(emulator.appId), apiBaseUrl: emulator.baseUrl, authBaseUrl: emulator.baseUrl,
      publicBaseUrl: config.publicBaseUrl, encryptionKey: randomBytes(32).toString('base64'), encryptionKeyId: 'sandbox',
      requestsPer10s: config.HUBSPOT_REQUESTS_PER_10S, searchPerSecond: config.HUBSPOT_SEARCH_PER_SECOND,
    },
  };
};

const productionSettings = (config: Config): HubSpotSettings => ({
  clientId: config.HUBSPOT_CLIENT_ID ?? '', clientSecret: config.HUBSPOT_CLIENT_SECRET ?? '', appId: config.HUBSPOT_APP_ID ?? '',
  apiBaseUrl: config.HUBSPOT_API_BASE_URL, authBaseUrl: config.HUBSPOT_AUTH_BASE_URL, publicBaseUrl: config.publicBaseUrl,
  encryptionKey: config.ENCRYPTION_KEY ?? '', encryptionKeyId: config.ENCRYPTION_KEY_ID, previousKeys: config.ENCRYPTION_PREVIOUS_KEYS,
  requestsPer10s: config.HUBSPOT_REQUESTS_PER_10S, searchPerSecond: config.HUBSPOT_SEARCH_PER_SECOND,
});

export const start = async (config: Config, logger: Logger, out: (line: string) => void = console.log) => {
  const sandbox = config.sandbox ? await startSandbox(config) : undefined;
  const settings = sandbox?.settings ?? productionSettings(config);
  const db = await openStore(sandbox?.store ?? config.store);
  logger.info({ store: db.kind, role: config.PROCESS_ROLE, sandbox: config.sandbox }, 'store ready');
  // A wrong ENCRYPTION_KEY would otherwise go unnoticed until every job fails to read its portal's tokens.
  const cipher = createTokenCipher({ keyId: settings.encryptionKeyId, encryptionKey: settings.encryptionKey, previousKeys: settings.previousKeys });
  await verifyEncryptionKey(db, cipher).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const clock = systemClock;
  const startedQueue = await startQueue(db, logger);
  const metrics = createMetrics({ db, queue: startedQueue, clock });
  const queue = metrics.instrument(startedQueue);
  const services = buildServices({ db, queue, clock, logger, settings, metrics });
  const runsWeb = config.PROCESS_ROLE !== 'worker' || sandbox !== undefined;
  const runsWorker = config.PROCESS_ROLE !== 'web';

  // The sandbox runner drives the first full sync itself, to show its progress; everywhere else the install enqueues it.
  let sandboxSyncing = sandbox !== undefined;
  const enqueueFullSync = (portalId: number) => (sandboxSyncing ? Promise.resolve(null) : queue.enqueue('sync-portal', portalId, { mode: 'full' }));

  let draining = false;
  const isDraining = () => draining;
  const routers = buildRouters(services, { sandbox: sandbox !== undefined, enqueueFullSync });
  const served = {
    logger, db, isDraining, metrics: { registry: metrics.registry, token: config.METRICS_TOKEN },
    keyProblem: () => encryptionKeyProblem(db, cipher),
  };
  const app = runsWeb ? createApp({ ...served, routers }) : createHealthApp(served);
  const server = await listen(app, config.PORT, config.host);
  logger.info({ port: server.port, url: config.publicBaseUrl, routes: runsWeb ? 'all' : 'health' }, 'listening');

  if (sandbox) {
    const result = await runSandbox({
      db, clock, logger, hubspot: services.hubspot, emulator: sandbox.emulator, appBaseUrl: `http://127.0.0.1:${server.port}`,
      syncDeps: services.syncDeps, out,
    });
    sandboxSyncing = false;
    out(`Preview what a CSM sees: ${config.publicBaseUrl}/preview (worklist) and ${config.publicBaseUrl}/preview/companies/<id>; the settings page: ${config.publicBaseUrl}/preview/settings`);
    out(`The emulated HubSpot runs at ${sandbox.emulator.baseUrl} (portal ${result.portalId}). Stop with Ctrl+C.`);
  } else if (runsWorker) {
    const report = await services.install.provisionActivePortals(services.hubspot);
    logger.info(report, 'properties provisioned for active portals');
  }

  const schedule = runsWorker
    ? startSchedule({
        queue, logger, incrementalCron: config.SYNC_INCREMENTAL_CRON, fullCron: config.SYNC_FULL_CRON, retentionCron: config.RETENTION_CRON,
        listActivePortals: async () => (await installationsRepository(db).listByStatus('active')).map((i) => i.portalId),
      })
    : undefined;
  // The score job's worker threads, on the embedded store only, whose database runs on this thread: there they took
  // an M portal's run from 729 to 881 companies a second; on PostgreSQL the server already works on the other core
  // while this thread scores, and a thread beside both made the run slower (2,000 to 1,749). None start before the
  // job's first page.
  const scorer = runsWorker && db.kind === 'pglite' ? scoringPool() : undefined;
  if (runsWorker) {
    await registerWorkers(services, {
      ...(scorer ? { scorer } : {}),
      retentionDays: {
        webhook_events: config.RETENTION_WEBHOOK_EVENTS_DAYS, sync_runs: config.RETENTION_SYNC_RUNS_DAYS,
        usage_metrics: config.RETENTION_USAGE_DAYS, score_snapshots: config.RETENTION_SCORE_HISTORY_DAYS,
      },
    });
  }

  let endDrain: () => void = () => undefined;
  const shutdown = async () => {
    draining = true;
    logger.info('shutting down: finishing in-flight requests and the current job step');
    schedule?.stop();
    if (config.SHUTDOWN_DRAIN_MS > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config.SHUTDOWN_DRAIN_MS);
        endDrain = () => { clearTimeout(timer); resolve(); };
      });
    }
    await stopWithin(config.SHUTDOWN_TIMEOUT_MS, { server, queue, db, emulator: sandbox?.emulator, ...(scorer ? { scorer } : {}) });
    logger.info('stopped');
  };
  /** Skips what is left of the drain; in-flight requests and the current job step are still finished. */
  const stopDraining = () => endDrain();
  return { db, queue, server, services, sandbox, shutdown, stopDraining };
};

const main = async () => {
  const { env, loadedFrom } = withEnvFile(process.env);
  const loaded = loadConfig(env);
  if (!loaded.ok) {
    console.error(formatConfigProblems(loaded.error));
    process.exit(1);
  }
  const config = loaded.value;
  // The sandbox talks to a person at a terminal: only warnings and errors as JSON, unless asked for more.
  const level = config.sandbox && !env.LOG_LEVEL ? 'warn' : config.LOG_LEVEL;
  const logger = createLogger({ level });
  if (loadedFrom) logger.info({ file: loadedFrom }, 'environment file read');
  const running = await start(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    // A second signal (Ctrl+C again, an operator in a hurry) ends the drain now rather than being ignored.
    if (stopping) {
      logger.info({ signal }, 'second signal: drain ended');
      running.stopDraining();
      return;
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    running.shutdown().then(() => process.exit(0), (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error('Waypoint failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
