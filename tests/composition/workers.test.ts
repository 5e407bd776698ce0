import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guarded } from '../../src/composition/workers.ts';
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
