import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guarded, registerWorkers, type WorkerServices } from '../../src/composition/workers.ts';
import { ALL_PORTALS } from '../../src/jobs/queue.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { inlineQueue } from '../helpers/inline-queue.ts';
import type { Services } from '../../src/composition/services.ts';
import { AppError } from '../../src/shared/errors.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';

const context = { jobId: 'job-1', signal: new AbortController().signal };

describe('job guard', () => {
  let db: Db;
  let services: Services;
  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
    await db.query(`INSERT INTO installations (portal_id, status) VALUES (1, 'active'), (2, 'inactive')`);
    services = { db, logger: createLogger({ level: 'silent' }) } as unknown as Services;
  });
  afterAll(async () => db.close());

  it('when the portal is no longer installed, then its job does no work and ends without asking for a retry', async () => {
    let ran = false;
    await expect(guarded(services, 'sync-portal', async () => { ran = true; })({ portalId: 2 }, context)).resolves.toBeUndefined();
    expect(ran).toBe(false);
  });

  it('when the work fails in a way retrying cannot fix, then the job ends instead of burning retries', async () => {
    const job = guarded(services, 'sync-portal', async () => { throw new AppError('HUBSPOT_MISSING_SCOPE', 'no tickets scope'); });
    await expect(job({ portalId: 1 }, context)).resolves.toBeUndefined();
  });

  it('when the work fails in a way a retry may fix, then the failure reaches the queue so it retries', async () => {
    const job = guarded(services, 'sync-portal', async () => { throw new AppError('HUBSPOT_UNAVAILABLE', '503 from HubSpot'); });
    await expect(job({ portalId: 1 }, context)).rejects.toThrow('503 from HubSpot');
  });
});

describe('retention worker', () => {
  it('when the scheduler enqueues the retention purge, then a worker deletes expired rows across portals', async () => {
    const db = await openStore({ kind: 'pglite', dataDir: undefined });
    try {
      await db.query(`INSERT INTO webhook_events (event_id, portal_id, received_at, payload, processed_at)
        VALUES ('old', 1, '2026-01-01T00:00:00Z', '{}', '2026-01-01T00:00:00Z'), ('new', 1, '2026-05-30T00:00:00Z', '{}', '2026-05-30T00:00:00Z')`);
      const queue = inlineQueue();
      const services = { queue, db, clock: fixedClock('2026-06-01T00:00:00Z'), logger: createLogger({ level: 'silent' }) } as unknown as WorkerServices;
      await registerWorkers(services, { retentionDays: { webhook_events: 30, sync_runs: 90, usage_metrics: 730, score_snapshots: 365 } });
      await queue.enqueue('purge-retention', ALL_PORTALS);
      expect(queue.failures).toEqual([]);
      expect((await db.query<{ event_id: string }>('SELECT event_id FROM webhook_events')).map((r) => r.event_id)).toEqual(['new']);
    } finally {
      await db.close();
    }
  });
});
