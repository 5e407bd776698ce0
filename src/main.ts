// Composition root: the only file that reads the environment, listens, or starts cron.
import { formatConfigProblems, loadConfig, type Config } from './config/env.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { openStore } from './store/open-store.ts';
import { startQueue } from './jobs/queue.ts';
import { startSchedule } from './jobs/schedule.ts';
import { createApp } from './server/create-app.ts';
import { listen } from './server/listen.ts';

export const start = async (config: Config, logger: Logger) => {
  const store = config.store.kind === 'postgres' ? config.store : { kind: 'pglite' as const, dataDir: config.store.dataDir };
  const db = await openStore(store);
  logger.info({ store: db.kind, role: config.PROCESS_ROLE, sandbox: config.sandbox }, 'store ready');
  const queue = await startQueue(db, logger);
  const runsWeb = config.PROCESS_ROLE !== 'worker';
  const runsWorker = config.PROCESS_ROLE !== 'web';

  let draining = false;
  const server = runsWeb
    ? await listen(createApp({ logger, db, isDraining: () => draining }), config.PORT, config.HOST)
    : undefined;
  if (server) logger.info({ port: server.port, url: config.publicBaseUrl }, 'listening');

  const schedule = runsWorker
    ? startSchedule({
        queue,
        logger,
        incrementalCron: config.SYNC_INCREMENTAL_CRON,
        fullCron: config.SYNC_FULL_CRON,
        listActivePortals: async () =>
          (await db.query<{ portal_id: number }>("SELECT portal_id FROM installations WHERE status = 'active'")).map((r) => Number(r.portal_id)),
      })
    : undefined;

  const shutdown = async () => {
    draining = true;
    logger.info('shutting down: finishing in-flight requests and the current job step');
    schedule?.stop();
    await server?.close(config.SHUTDOWN_TIMEOUT_MS);
    await queue.stop({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS });
    await db.close();
    logger.info('stopped');
  };
  return { db, queue, server, shutdown };
};

const main = async () => {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(formatConfigProblems(loaded.error));
    process.exit(1);
  }
  const config = loaded.value;
  const logger = createLogger({ level: config.LOG_LEVEL });
  const running = await start(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
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
