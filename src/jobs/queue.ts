import { PgBoss, fromPglite } from 'pg-boss';
import type { Db } from '../store/db.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * Every job is keyed by portal. 'stately' keeps at most one queued and one active job per key across all
 * processes sharing the database, so one portal's sync never runs on two workers at once and a burst of
 * triggers collapses into one pending run.
 */
export const jobNames = ['sync-portal', 'score-portal', 'process-webhooks', 'purge-retention', 'backtest-portal', 'backfill-portal'] as const;
/** Jobs about no single portal (retention) carry this portal id, so they share the queue's per-key singleton. */
export const ALL_PORTALS = 0;
export type JobName = (typeof jobNames)[number];

export type JobHandler = (data: Record<string, unknown> & { portalId: number }, context: { jobId: string; signal: AbortSignal }) => Promise<void>;

export type Queue = {
  enqueue(name: JobName, portalId: number, data?: Record<string, unknown>): Promise<string | null>;
  /** Starts consuming a job type in this process. */
  work(name: JobName, handler: JobHandler, options?: { concurrency?: number }): Promise<void>;
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Jobs waiting (created or waiting to retry) and running per queue, read from pg-boss's table as it is now. */
  depths(): Promise<Record<JobName, { waiting: number; active: number }>>;
};

export const startQueue = async (db: Db, logger: Logger): Promise<Queue> => {
  const connection = db.queueConnection;
  const boss =
    connection.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(connection.pglite), backend: 'pglite', schedule: false })
      : new PgBoss({ connectionString: connection.connectionString, schedule: false });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  // A worker killed mid-job stops its heartbeat; after heartbeatSeconds the job is failed and retried elsewhere
  // instead of holding its portal's slot until the expiry hours later.
  const settings = { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 * 60 * 4, heartbeatSeconds: 30 };
  for (const name of jobNames) {
    await boss.createQueue(name, { policy: 'stately', ...settings });
    await boss.updateQueue(name, settings);
  }
  const workers: string[] = [];
  return {
    enqueue: (name, portalId, data = {}) => boss.send(name, { ...data, portalId }, { singletonKey: String(portalId) }),
    work: async (name, handler, options = {}) => {
      workers.push(name);
      await boss.work<Record<string, unknown> & { portalId: number }>(
        name,
        { localConcurrency: options.concurrency ?? 2, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (!job) return;
          await handler(job.data, { jobId: job.id, signal: job.signal });
        },
      );
    },
    depths: async () => {
      // pg-boss's own getQueue counts are refreshed by its monitor every so often; a depth gauge wants the table.
      const rows = await db.query<{ name: string; state: string; n: number }>(
        `SELECT name, state, count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`,
      );
      const depths = Object.fromEntries(jobNames.map((name) => [name, { waiting: 0, active: 0 }])) as Record<JobName, { waiting: number; active: number }>;
      for (const row of rows) {
        const depth = depths[row.name as JobName];
        if (!depth) continue;
        if (row.state === 'active') depth.active += row.n;
        else depth.waiting += row.n;
      }
      return depths;
    },
    stop: async ({ timeoutMs = 15_000 } = {}) => {
      // Graceful: workers finish the job step they are in; no new jobs are fetched.
      await boss.stop({ graceful: true, timeout: timeoutMs, close: db.kind === 'postgres' });
    },
  };
};
