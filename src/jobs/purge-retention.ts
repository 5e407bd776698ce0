import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { Queryable } from '../store/db.ts';
import { retentionRepository, type RetainedTable } from '../store/retention-repository.ts';

const DAY_MS = 86_400_000;

export type RetentionDays = Record<RetainedTable, number>;

export type PurgeDeps = {
  db: Queryable;
  clock: Clock;
  logger: Logger;
  days: RetentionDays;
  batchSize?: number;
  signal?: AbortSignal;
};

/**
 * Deletes, table by table and batch by batch, what is older than its retention, and logs how many rows each table
 * lost. Stopping between batches (shutdown) loses nothing: the next scheduled run starts where this one ended.
 */
export const purgeRetention = async (deps: PurgeDeps): Promise<Record<RetainedTable, number>> => {
  const repo = retentionRepository(deps.db);
  const batchSize = deps.batchSize ?? 5_000;
  const now = deps.clock.now().getTime();
  const deleted = { webhook_events: 0, sync_runs: 0, usage_metrics: 0, score_snapshots: 0 } satisfies Record<RetainedTable, number>;
  for (const table of Object.keys(deleted) as RetainedTable[]) {
    const before = new Date(now - deps.days[table] * DAY_MS);
    for (;;) {
      if (deps.signal?.aborted) break;
      const n = await repo.purgeBatch(table, before, batchSize);
      deleted[table] += n;
      if (n < batchSize) break;
    }
  }
  deps.logger.info({ deleted, days: deps.days }, 'retention purge done');
  return deleted;
};
