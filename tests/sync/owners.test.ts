import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Owner } from '../../src/hubspot/owners.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { AppError } from '../../src/shared/errors.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { portfolioRepository } from '../../src/store/portfolio-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { syncOwners } from '../../src/sync/owners.ts';
import { storeBackends } from '../helpers/stores.ts';
import { healthyCard, NOW } from '../writeback/support.ts';

const PORTAL = 5151;
const deps = (db: Db) => ({ db, logger: createLogger({ level: 'silent' }), clock: fixedClock(NOW) });
const listing = (owners: Owner[] | Error) => ({ listOwners: () => (owners instanceof Error ? Promise.reject(owners) : Promise.resolve(owners)) });

describe.each(storeBackends())('CSM names in the worklists on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const names = async () => {
    const owners = await portfolioRepository(db).worklists(PORTAL, { config: defaultScoringConfig, filters: {}, limit: 5 });
    const renewals = await portfolioRepository(db).renewals(PORTAL, { config: defaultScoringConfig, filters: {}, asOf: NOW, withinDays: 120, limit: 5 });
    return { worklists: Object.fromEntries(owners.map((o) => [o.ownerId ?? 'none', o.ownerName])), renewals: renewals.renewals.map((r) => [r.companyId, r.ownerName]) };
  };
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await crmRepository(db).upsertObjects(PORTAL, 'companies', [
      { id: '1', properties: { name: 'One', hubspot_owner_id: '7', renewal_date: '2026-11-20' } },
      { id: '2', properties: { name: 'Two', hubspot_owner_id: '8' } },
      { id: '3', properties: { name: 'Three' } },
    ]);
    await scoresRepository(db).insertMany(PORTAL, ['1', '2', '3'].map((id) => healthyCard(id, NOW)), null);
  });
  afterAll(async () => cleanup());

  it('when the owners were never listed, then the worklists name nobody', async () => {
    expect(await names()).toEqual({ worklists: { 7: null, 8: null, none: null }, renewals: [['1', null]] });
  });

  it('when HubSpot lists the owners, then each CSM is named by name, else by email, in the worklists and the renewals', async () => {
    await syncOwners(deps(db), PORTAL, listing([{ id: '7', name: 'Robin Ortiz', email: 'robin@example.com' }, { id: '8', name: null, email: 'sam@example.com' }]));
    expect(await names()).toEqual({ worklists: { 7: 'Robin Ortiz', 8: 'sam@example.com', none: null }, renewals: [['1', 'Robin Ortiz']] });
  });

  it('when a later listing fails (the owners scope not granted), then the names stored before stay', async () => {
    await syncOwners(deps(db), PORTAL, listing(new AppError('HUBSPOT_MISSING_SCOPE', 'missing scope crm.objects.owners.read')));
    expect((await names()).worklists).toEqual({ 7: 'Robin Ortiz', 8: 'sam@example.com', none: null });
  });

  it('when an owner is no longer listed, then their customers show the owner id again, and a renamed owner shows the new name', async () => {
    await syncOwners(deps(db), PORTAL, listing([{ id: '7', name: 'Robin Ortiz-Lee', email: 'robin@example.com' }]));
    expect((await names()).worklists).toEqual({ 7: 'Robin Ortiz-Lee', 8: null, none: null });
  });
});
