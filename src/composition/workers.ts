import { requireActiveInstallation } from '../install/installation-guard.ts';
import { runBackfill } from '../jobs/backfill-portal.ts';
import { runBacktestJob } from '../jobs/backtest-portal-job.ts';
import { processWebhooks } from '../jobs/process-webhooks.ts';
import type { JobHandler, JobName } from '../jobs/queue.ts';
import type { PageScorer } from '../portal-scoring/scoring-pool.ts';
import { purgeRetention, type RetentionDays } from '../jobs/purge-retention.ts';
import { parseScoreJobData, runScoreJob } from '../jobs/score-portal-job.ts';
import { syncPortal } from '../jobs/sync-portal.ts';
import { isAppError } from '../shared/errors.ts';
import { portalLogger } from '../shared/logger.ts';
import { backfillRepository } from '../store/backfill-repository.ts';
import type { Services } from './services.ts';

/**
 * Every job first checks its portal is still installed, and a failure that retrying cannot fix (inactive portal,
 * revoked access) ends the job instead of burning retries; anything else is rethrown for the queue to retry.
 */
export const guarded = (services: Pick<Services, 'db' | 'logger'>, name: JobName, run: JobHandler): JobHandler => async (data, context) => {
  const log = portalLogger(services.logger, data.portalId).child({ job: name, jobId: context.jobId });
  try {
    await requireActiveInstallation(services.db, data.portalId);
    await run(data, context);
  } catch (error) {
    if (isAppError(error) && !error.retryable) {
      log.warn({ code: error.code, reason: error.message }, 'job stopped: not retryable');
      return;
    }
    log.error({ err: error }, 'job failed; the queue will retry it');
    throw error;
  }
};

export type WorkerServices = Pick<Services, 'queue' | 'db' | 'clock' | 'logger' | 'hubspot' | 'snapshots' | 'syncDeps' | 'install' | 'cardCache' | 'metrics'>;

export const registerWorkers = async (services: WorkerServices, options: { retentionDays?: RetentionDays; scorer?: PageScorer } = {}): Promise<void> => {
  const { queue, db, clock, logger, hubspot, snapshots, syncDeps, install, cardCache } = services;

  await queue.work('sync-portal', guarded(services, 'sync-portal', async (data, { signal }) => {
    await syncPortal(syncDeps, { portalId: data.portalId, mode: data.mode === 'full' ? 'full' : 'incremental', signal });
    // After any sync, not just the first full one: a worker killed between that sync and this line must not leave
    // the portal without its history. Once the backfill is done this is one read and nothing queued.
    if ((await backfillRepository(db).get(data.portalId))?.status !== 'done') await queue.enqueue('backfill-portal', data.portalId);
  }));
  await queue.work('backfill-portal', guarded(services, 'backfill-portal', async (data, { signal }) => {
    await runBackfill({ db, clock, logger, snapshots, requestScoring: syncDeps.requestScoring }, { portalId: data.portalId, signal });
    cardCache.invalidate(data.portalId);
  }), { concurrency: 1 });
  await queue.work('process-webhooks', guarded(services, 'process-webhooks', async (data) => {
    await processWebhooks({ ...syncDeps, onUninstall: async (portalId) => { await install.markUninstalled(portalId); } }, { portalId: data.portalId });
  }));
  await queue.work('score-portal', guarded(services, 'score-portal', async (data, { jobId }) => {
    const report = await runScoreJob(
      // Cards served by this process show the new scores at once rather than after the cache's few seconds.
      { db, clock, logger, snapshots, hubspot, onScored: (portalId) => cardCache.invalidate(portalId), ...(options.scorer ? { scorer: options.scorer } : {}) },
      { portalId: parseScoreJobData(data).portalId, jobId },
    );
    if (report) {
      services.metrics?.scored(data.portalId, report.scoring);
      services.metrics?.wroteBack(data.portalId, report.writeBack);
    }
  }));
  await queue.work('backtest-portal', guarded(services, 'backtest-portal', async (data, { signal }) => {
    await runBacktestJob({ db, clock, snapshots }, { portalId: data.portalId, signal });
  }));
  const retentionDays = options.retentionDays;
  // Retention is about every portal at once, so it skips the per-portal installation guard; a failure is retried.
  if (retentionDays) {
    await queue.work('purge-retention', async (_data, { signal }) => {
      await purgeRetention({ db, clock, logger: logger.child({ job: 'purge-retention' }), days: retentionDays, signal });
    }, { concurrency: 1 });
  }
};
