import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { snapshotRepository } from '../../src/store/snapshot-repository.ts';
import { usageRepository } from '../../src/store/usage-repository.ts';
import { storeBackends } from '../helpers/stores.ts';

const PORTAL = 6262;

describe.each(storeBackends())('usage in the snapshots scoring reads, on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await crmRepository(db).upsertObjects(PORTAL, 'companies', ['1', '2'].map((id) => ({ id, properties: { name: `Company ${id}` }, updatedAt: '2026-11-01T00:00:00.000Z' })));
  });
  afterAll(async () => cleanup());

  it('when a customer reports two metrics over several days out of order, then its history lists them day by day, metrics in name order, each with its own value', async () => {
    await usageRepository(db).upsert(PORTAL, [
      { companyId: '1', day: '2026-10-03', metric: 'seats_active', value: 12.5 },
      { companyId: '1', day: '2026-10-01', metric: 'seats_active', value: 10 },
      { companyId: '1', day: '2026-10-02', metric: 'active_users', value: 7 },
      { companyId: '1', day: '2026-10-01', metric: 'active_users', value: 5 },
      { companyId: '2', day: '2026-10-01', metric: 'active_users', value: 99 },
    ]);
    const [first, second] = await snapshotRepository(db).histories(PORTAL, ['1', '2']);
    expect(first?.usage).toEqual([
      { date: '2026-10-01', metric: 'active_users', value: 5 },
      { date: '2026-10-01', metric: 'seats_active', value: 10 },
      { date: '2026-10-02', metric: 'active_users', value: 7 },
      { date: '2026-10-03', metric: 'seats_active', value: 12.5 },
    ]);
    expect(second?.usage).toEqual([{ date: '2026-10-01', metric: 'active_users', value: 99 }]);
  });
});
