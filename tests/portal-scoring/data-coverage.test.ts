import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import type { DataCoverage } from '../../src/scoring/coverage.ts';
import { createApp } from '../../src/server/create-app.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { getSyncStatusRouter } from '../../src/server/routes/get-sync-status.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { NOW, daysAgo } from '../scoring/support/snapshot.ts';

const PORTAL = 4242;

// A stock HubSpot portal: standard company properties only (no ARR, seats, renewal date or usage), meetings without
// an outcome, an NPS on the contact of half the customers, an owner on most.
const seedStockPortal = async (db: Db): Promise<void> => {
  const crm = crmRepository(db);
  const companies = Array.from({ length: 10 }, (_, i) => ({
    id: `c${i}`, properties: {
      name: `Company ${i}`, lifecyclestage: 'customer', industry: 'Computer Software', country: i % 2 ? 'USA' : 'Germany',
      numberofemployees: String(10 + i * 30), createdate: daysAgo(500), hubspot_owner_id: i < 8 ? '31' : null,
    },
  }));
  await crm.upsertObjects(PORTAL, 'companies', companies);
  const link = (type: string, pairs: Array<{ child: string; company: string }>) => crm.insertLinks(PORTAL, type, pairs);
  await crm.upsertObjects(PORTAL, 'contacts', companies.map((c) => ({ id: `p-${c.id}`, properties: { jobtitle: 'Operations Manager', createdate: daysAgo(400) } })));
  await link('contacts', companies.map((c) => ({ child: `p-${c.id}`, company: c.id })));
  await crm.upsertObjects(PORTAL, 'meetings', companies.slice(0, 6).map((c) => ({ id: `m-${c.id}`, properties: { hs_timestamp: daysAgo(10), hs_meeting_title: 'Sync', hs_meeting_outcome: null } })));
  await link('meetings', companies.slice(0, 6).map((c) => ({ child: `m-${c.id}`, company: c.id })));
  await crm.upsertObjects(PORTAL, 'feedback_submissions', companies.slice(0, 5).map((c) => ({ id: `f-${c.id}`, properties: { hs_survey_type: 'NPS', hs_value: '9', hs_submission_timestamp: daysAgo(20) } })));
  await link('feedback_submissions', companies.slice(0, 5).map((c) => ({ child: `f-${c.id}`, company: c.id })));
};

describe('data coverage of a stock portal', () => {
  let db: Db;
  let coverage: DataCoverage;
  let key: string;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
    await seedStockPortal(db);
    const clock = fixedClock(NOW);
    await scorePortal({ db, clock, logger: createLogger({ level: 'silent' }), snapshots: storeSnapshotSource(db) }, { portalId: PORTAL });
    const apiKeys = apiKeysRepository(db);
    key = (await mintApiKey({ apiKeys, clock }, { portalId: PORTAL, name: 'admin' })).key;
    const requireAdmin = requirePortalAdmin({ apiKeys, clientSecret: 'unused', publicBaseUrl: 'https://waypoint.example', clock });
    app = createApp({ logger: createLogger({ level: 'silent' }), db, routers: [getSyncStatusRouter({ db, requireAdmin })] });
    const status = await request(app).get(`/api/v1/portals/${PORTAL}/sync-status`).set('authorization', `Bearer ${key}`);
    coverage = (status.body as { dataCoverage: DataCoverage }).dataCoverage;
  });
  afterAll(() => db.close());

  it('when the portal has been scored, then sync-status gives the share of customers with each input', () => {
    const share = Object.fromEntries(coverage.inputs.map((i) => [i.key, i.share]));
    expect(coverage.customers).toBe(10);
    expect(share).toEqual({ arr: 0, renewalDate: 0, seats: 0, usage: 0, meetings90d: 0.6, surveys: 0.5, tickets: 0, owner: 0.8 });
  });

  it('when components have no data, then the report names each of them, for how many customers, why, and the mapping that fills it', () => {
    const byKey = new Map(coverage.components.map((c) => [c.key, c]));
    expect([...byKey.keys()].sort()).toEqual(['cadence', 'commercial', 'decline', 'engagement', 'sentiment', 'usage']);
    expect(byKey.get('decline')).toMatchObject({ missing: 10, reasons: [{ reason: 'no usage, deals or tickets to read', customers: 10 }] });
    expect(byKey.get('decline')?.fill).toContain('or log deals and tickets on the company in HubSpot');
    expect(byKey.get('usage')).toMatchObject({ missing: 10, reasons: [{ reason: 'no usage data', customers: 10 }] });
    expect(byKey.get('usage')?.fill).toContain('map active users in Settings (reads active_users_30d)');
    expect(byKey.get('usage')?.fill).toContain('map seats purchased in Settings');
    expect(byKey.get('commercial')).toMatchObject({ missing: 10, fill: 'log deals on the company (its open renewal deal gives the renewal date), or map the renewal date in Settings (reads renewal_date)' });
    expect(byKey.get('sentiment')).toMatchObject({ missing: 5, fill: 'send HubSpot feedback surveys (NPS, CSAT, CES) to the company\'s contacts' });
    expect(byKey.get('engagement')).toMatchObject({ missing: 4 });
    expect(byKey.get('cadence')?.fill).toMatch(/^log closed-won deals with their amount on the company, or map ARR in Settings/);
    for (const component of coverage.components) expect(component.fill, component.key).not.toBeNull();
  });

  it('when only some companies are rescored, then the report from the last whole-portal run stays', async () => {
    await scorePortal({ db, clock: fixedClock(new Date(NOW.getTime() + 60_000)), logger: createLogger({ level: 'silent' }), snapshots: storeSnapshotSource(db) }, { portalId: PORTAL, companyIds: ['c1'] });
    const status = await request(app).get(`/api/v1/portals/${PORTAL}/sync-status`).set('authorization', `Bearer ${key}`);
    expect((status.body as { dataCoverage: DataCoverage }).dataCoverage).toEqual(coverage);
  });
});
