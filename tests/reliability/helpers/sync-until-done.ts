import type { Pipeline } from '../../../bench/lib/pipeline.ts';

/** The queue's retryLimit for sync-portal: a failed job runs again up to this many times, resuming from its checkpoint. */
export const JOB_RETRIES = 5;

/** Runs a full sync as the queue would: a failed attempt is retried, each retry resuming where the last one stopped. */
export const syncLikeTheQueue = async (pipeline: Pipeline, portalId: number): Promise<{ attempts: number }> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await pipeline.fullSync(portalId);
      return { attempts: attempt };
    } catch (error) {
      if (attempt > JOB_RETRIES) throw error;
    }
  }
};
