import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../shared/logger.ts';
import { ALL_PORTALS, type Queue } from './queue.ts';

export type ScheduleDeps = {
  queue: Pick<Queue, 'enqueue'>;
  listActivePortals: () => Promise<number[]>;
  logger: Logger;
  incrementalCron: string;
  fullCron: string;
  /** When the retention purge is enqueued; without it (benchmarks, tests) nothing is purged. */
  retentionCron?: string;
};

/** Enqueues one sync per active portal; the queue's per-portal singleton collapses overlapping triggers. */
export const enqueueSyncForActivePortals = async (deps: Omit<ScheduleDeps, 'incrementalCron' | 'fullCron' | 'retentionCron'>, mode: 'incremental' | 'full'): Promise<number> => {
  const portals = await deps.listActivePortals();
  let enqueued = 0;
  for (const portalId of portals) {
    if (await deps.queue.enqueue('sync-portal', portalId, { mode })) enqueued += 1;
  }
  deps.logger.info({ mode, portals: portals.length, enqueued }, 'scheduled sync enqueued');
  return enqueued;
};

/** Cron only enqueues: the work itself runs in job handlers, on whichever worker picks it up. */
export const startSchedule = (deps: ScheduleDeps): { stop(): void } => {
  const run = (mode: 'incremental' | 'full') => () => {
    enqueueSyncForActivePortals(deps, mode).catch((error: unknown) => deps.logger.error({ err: error, mode }, 'scheduling sync failed'));
  };
  const tasks: ScheduledTask[] = [
    cron.schedule(deps.incrementalCron, run('incremental'), { name: 'incremental-sync', noOverlap: true }),
    cron.schedule(deps.fullCron, run('full'), { name: 'full-sync', noOverlap: true }),
  ];
  if (deps.retentionCron) {
    tasks.push(cron.schedule(deps.retentionCron, () => {
      deps.queue.enqueue('purge-retention', ALL_PORTALS)
        .catch((error: unknown) => deps.logger.error({ err: error }, 'scheduling retention purge failed'));
    }, { name: 'retention-purge', noOverlap: true }));
  }
  return { stop: () => tasks.forEach((task) => void task.stop()) };
};
