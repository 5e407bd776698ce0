import { requireActiveInstallation } from '../install/installation-guard.ts';
import { processWebhooks } from '../jobs/process-webhooks.ts';
import type { JobHandler, JobName } from '../jobs/queue.ts';
import { scorePortal } from '../jobs/score-portal.ts';
import { syncPortal } from '../jobs/sync-portal.ts';
import { writebackPortal, writebackPortalJob } from '../jobs/writeback-portal.ts';
import { cardCacheFor } from '../server/cards/card-cache.ts';
import { isAppError } from '../shared/errors.ts';
import { portalLogger } from '../shared/logger.ts';
import { rescoreRequestsRepository } from '../store/rescore-requests-repository.ts';
import type { Services } from './services.ts';

/**
 * Every job first checks its portal is still installed, and a failure that retrying cannot fix (inactive portal,
 * revoked access) ends the job instead of burning retries; anything else is rethrown for the queue to retry.
 */
export const guarded = (services: Services, name: JobName, run: JobHandler): JobHandler => async (data, context) => {
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

export const registerWorkers = async (services: Services): Promise<void> => {
  const { queue, db, clock, logger, hubspot, snapshots, syncDeps, install } = services;
  const rescoreRequests = rescoreRequestsRepository(db);

  await queue.work('sync-portal', guarded(services, 'sync-portal', async (data, { signal }) => {
    await syncPortal(syncDeps, { portalId: data.portalId, mode: data.mode === 'full' ? 'full' : 'incremental', signal });
  }));
  await queue.work('process-webhooks', guarded(services, 'process-webhooks', async (data) => {
    await processWebhooks({ ...syncDeps, onUninstall: async (portalId) => { await install.markUninstalled(portalId); } }, { portalId: data.portalId });
  }));
  await queue.work('score-portal', guarded(services, 'score-portal', async (data) => {
    const companyIds = await rescoreRequests.take(data.portalId);
    if (companyIds?.length === 0) return;
    try {
      const report = await scorePortal(
        {
          db, clock, logger, snapshots,
          afterScoring: async (portalId, ids) => {
            // Cards served by this process show the new scores at once rather than after the cache's few seconds.
            cardCacheFor(db).invalidate(portalId);
            const written = await writebackPortal({ db, hubspot, clock, logger }, { portalId, companyIds: ids });
            services.metrics?.wroteBack(portalId, written);
          },
        },
        { portalId: data.portalId, companyIds },
      );
      services.metrics?.scored(data.portalId, report);
    } catch (error) {
      // The requests were taken before scoring; put them back so the retry covers them.
      await rescoreRequests.add(data.portalId, companyIds);
      throw error;
    }
  }));
  await queue.work('writeback-portal', guarded(services, 'writeback-portal', writebackPortalJob({ db, hubspot, clock, logger })));
};
