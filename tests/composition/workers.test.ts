import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guarded, registerWorkers, type WorkerServices } from '../../src/composition/workers.ts';
import { ALL_PORTALS } from '../../src/jobs/queue.ts';
import { createCardCache } from '../../src/server/cards/card-cache.ts';
import { fixedClock, systemClock } from '../../src/shared/clock.ts';
import { inlineQueue } from '../helpers/inline-queue.ts';
import type { Services } from '../../src/composition/services.ts';
import { AppError } from '../../src/shared/errors.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { backfillRepository } from '../../src/store/backfill-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { startHarness } from '../sync/sync-harness.ts';

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

describe('backfill worker', () => {
  it('when a portal\'s first full sync finishes, then its backfill job is enqueued and run, and later syncs enqueue none', async () => {
    const h = await startHarness({ seed: 5 });
    try {
      await h.db.query(`INSERT INTO installations (portal_id, status) VALUES ($1, 'active')`, [h.portalId]);
      const queue = inlineQueue();
      const sent: string[] = [];
      const counting = { ...queue, enqueue: async (...args: Parameters<typeof queue.enqueue>) => { sent.push(args[0]); return queue.enqueue(...args); } };
      const services = {
        queue: counting, db: h.db, clock: systemClock, logger: createLogger({ level: 'silent' }), snapshots: storeSnapshotSource(h.db),
        syncDeps: h.deps, hubspot: h.hubspot, cardCache: createCardCache(),
      } as unknown as WorkerServices;
      await registerWorkers(services);
      await counting.enqueue('sync-portal', h.portalId, { mode: 'full' });
      expect(queue.failures).toEqual([]);
      expect(sent).toEqual(['sync-portal', 'backfill-portal']);
      expect(await backfillRepository(h.db).get(h.portalId)).toMatchObject({ status: 'done' });
      const [cards] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM score_snapshots WHERE portal_id = $1 AND backfilled', [h.portalId]);
      expect(cards?.n).toBeGreaterThan(0);
      // Once its history is in, the portal is rescored so its real cards read it.
      expect(h.scoringRequests.at(-1)).toEqual({ portalId: h.portalId, companyIds: null });

      await counting.enqueue('sync-portal', h.portalId, { mode: 'incremental' });
      expect(sent).toEqual(['sync-portal', 'backfill-portal', 'sync-portal']);
    } finally {
      await h.close();
    }
  }, 120_000);
});
