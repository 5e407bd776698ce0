import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestResponseSchema } from '../../src/backtest/backtest.schema.ts';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { runBacktestJob } from '../../src/jobs/backtest-portal-job.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { backtestRouter } from '../../src/server/routes/get-backtest.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { NOW, memoryStore } from '../writeback/support.ts';
import { CLIENT_SECRET, PUBLIC_BASE_URL, addCompany, appWith, installPortal } from './cards-support.ts';

const PORTAL = 4150;
const HOUR = 3_600_000;

describe('the backtest endpoint the portfolio and settings pages read', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let key: string;
  let at = NOW.getTime();
  const clock: Clock = { now: () => new Date(at) };
  const queued: number[] = [];

  beforeAll(async () => {
    db = await memoryStore();
    await installPortal(db, PORTAL);
    const apiKeys = apiKeysRepository(db);
    key = (await mintApiKey({ apiKeys, clock }, { portalId: PORTAL, name: 'backtest' })).key;
    const admin = requirePortalAdmin({ apiKeys, clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock });
    const customer = { numberofemployees: '250', country: 'Germany', industry: 'COMPUTER_SOFTWARE', annual_recurring_revenue: '50000' };
    await addCompany(db, PORTAL, '1', { ...customer, contract_start_date: '2025-01-10', createdate: '2025-01-10T00:00:00Z' });
    // Churned as HubSpot records it when the portal moves a lost customer's stage on: it is no longer a customer today.
    await addCompany(db, PORTAL, '2', {
      ...customer, contract_start_date: '2025-01-10', createdate: '2025-01-10T00:00:00Z', lifecyclestage: 'other', hs_date_exited_customer: '2026-03-15T00:00:00Z',
    });
    app = appWith(db, [backtestRouter({ db, clock, requireAdmin: admin, enqueueBacktest: async (portalId) => { queued.push(portalId); } })]);
  });
  afterAll(() => db.close());

  const get = (query = '') => request(app).get(`/api/v1/portals/${PORTAL}/backtest${query}`).set('authorization', `Bearer ${key}`);

  it('when nothing has been computed yet, then it answers 202 and queues the job', async () => {
    const response = await get();
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ status: 'computing', portalId: PORTAL, horizonDays: 180 });
    expect(queued).toEqual([PORTAL]);
  });

  it('when the job has run, then each horizon\'s stored report and calibration are served as they are, without queueing again', async () => {
    await runBacktestJob({ db, clock, snapshots: storeSnapshotSource(db) }, { portalId: PORTAL });
    queued.length = 0;
    const response = await get('?horizon=90');

    expect(response.status).toBe(200);
    const body = backtestResponseSchema.parse(response.body);
    if (body.status !== 'ready') throw new Error('not ready');
    expect({ refreshing: body.refreshing, horizon: body.report.horizonDays, churned: body.report.overall.churned, computedAt: body.computedAt })
      .toEqual({ refreshing: false, horizon: 90, churned: 3, computedAt: NOW.toISOString() });
    expect(body.calibration.ok).toBe(false);
    expect(queued).toEqual([]);
  });

  it('when the stored backtest is more than a day old, then it is still served but marked refreshing and the job is queued', async () => {
    at = NOW.getTime() + 25 * HOUR;
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ready', refreshing: true });
    expect(queued).toEqual([PORTAL]);
  });

  it('when the horizon is not 90 or 180, then it names the field and queues nothing', async () => {
    queued.length = 0;
    const response = await get('?horizon=30');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/horizon/);
    expect(queued).toEqual([]);
  });
});
