import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { createApp } from '../../src/server/create-app.ts';
import { portalOfApiKey, postUsageRouter } from '../../src/server/routes/post-usage.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';

const PORTAL = 555;
const OTHER_PORTAL = 556;

describe('POST /api/v1/usage', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let key: string;
  let otherKey: string;
  const rescored: Array<readonly string[]> = [];
  const usageRows = async () => db.query<{ company_id: string; day: string; metric: string; value: number }>(
    "SELECT company_id, to_char(day, 'YYYY-MM-DD') AS day, metric, value FROM usage_metrics ORDER BY company_id, day, metric",
  );

  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
    const apiKeys = apiKeysRepository(db);
    for (const portalId of [PORTAL, OTHER_PORTAL]) {
      await installationsRepository(db).upsertActive({
        portalId, scopes: ['oauth'], hubDomain: null, accessTokenEnc: 'k1:x', refreshTokenEnc: 'k1:y', accessExpiresAt: new Date(), now: new Date(),
      });
    }
    key = (await mintApiKey({ apiKeys, clock: systemClock }, { portalId: PORTAL, name: 'usage feed' })).key;
    otherKey = (await mintApiKey({ apiKeys, clock: systemClock }, { portalId: OTHER_PORTAL, name: 'other' })).key;
    await crmRepository(db).upsertObjects(PORTAL, 'companies', [
      { id: '101', properties: { name: 'Acme', domain: 'acme.com', lifecyclestage: 'customer' } },
      { id: '102', properties: { name: 'Globex', domain: 'Globex.io', lifecyclestage: 'customer' } },
    ]);
    const logger = createLogger({ level: 'silent' });
    app = createApp({
      logger, db,
      routers: [postUsageRouter({
        db, clock: systemClock, verifyApiKey: portalOfApiKey(apiKeys, systemClock),
        requestScoring: async (_portalId, companyIds) => {
          rescored.push(companyIds);
        },
      })],
    });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    rescored.length = 0;
    await db.query('DELETE FROM usage_metrics');
  });

  const send = (rows: unknown, token = key) => request(app).post('/api/v1/usage').set('authorization', `Bearer ${token}`).send(rows as object);

  it('when a batch mixes good and bad rows, then the good ones land and each bad one gets its own error naming the field', async () => {
    const response = await send({
      rows: [
        { companyId: '101', date: '2026-11-20', metric: 'active_users', value: 42 },
        { companyId: '101', date: '2026-13-01', metric: 'active_users', value: 40 },
        { domain: 'GLOBEX.io', date: '2026-11-20', metric: 'active_users', value: 7 },
        { date: '2026-11-20', metric: 'active_users', value: 1 },
        { companyId: '101', date: '2026-11-20', metric: 'Active Users', value: 1 },
        { companyId: '101', date: '2026-11-20', metric: 'logins', value: 'many' },
        { companyId: '999', date: '2026-11-20', metric: 'logins', value: 3 },
        { domain: 'unknown.dev', date: '2026-11-20', metric: 'logins', value: 3 },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(2);
    expect(response.body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([
      [1, 'date'], [3, 'companyId'], [4, 'metric'], [5, 'value'], [6, 'companyId'], [7, 'domain'],
    ]);
    expect(response.body.errors.every((e: { reason: string }) => e.reason.length > 0)).toBe(true);
    expect(await usageRows()).toEqual([
      { company_id: '101', day: '2026-11-20', metric: 'active_users', value: 42 },
      { company_id: '102', day: '2026-11-20', metric: 'active_users', value: 7 },
    ]);
    expect(rescored).toEqual([['101', '102']]);
  });

  it('when the same batch is sent twice, then the second changes nothing and asks for no rescoring', async () => {
    const rows = [{ companyId: '101', date: '2026-11-21', metric: 'active_users', value: 40 }, { companyId: 102, date: '2026-11-21', metric: 'seats_used', value: 9 }];
    await send(rows);
    const before = await usageRows();
    const second = await send(rows);
    expect(second.body).toMatchObject({ accepted: 2, changedCompanies: 0, errors: [] });
    expect(await usageRows()).toEqual(before);
    expect(rescored).toHaveLength(1);
  });

  it('when a value for the same company, day and metric is corrected, then it replaces the old one', async () => {
    await send([{ companyId: '101', date: '2026-11-22', metric: 'active_users', value: 40 }]);
    await send([{ companyId: '101', date: '2026-11-22', metric: 'active_users', value: 44 }]);
    expect(await usageRows()).toEqual([{ company_id: '101', day: '2026-11-22', metric: 'active_users', value: 44 }]);
  });

  it.each([
    { name: 'no key', auth: undefined, status: 401 },
    { name: 'an unknown key', auth: 'Bearer wp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', status: 401 },
  ])('when the request carries $name, then it is rejected with $status', async ({ auth, status }) => {
    const call = request(app).post('/api/v1/usage');
    const response = await (auth ? call.set('authorization', auth) : call).send([{ companyId: '101', date: '2026-11-20', metric: 'x', value: 1 }]);
    expect(response.status).toBe(status);
    expect(await usageRows()).toEqual([]);
  });

  it("when another portal's key names this portal's company, then the row is refused as unknown", async () => {
    const response = await send([{ companyId: '101', date: '2026-11-20', metric: 'active_users', value: 5 }], otherKey);
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors).toEqual([{ index: 0, field: 'companyId', reason: expect.any(String) }]);
    expect(await usageRows()).toEqual([]);
  });

  it('when values are negative or beyond the documented range, or dates fall before 2000 or after tomorrow, then each row is refused naming the field', async () => {
    const response = await send([
      { companyId: '101', date: '2026-11-20', metric: 'active_users', value: -3 },
      { companyId: '101', date: '2026-11-21', metric: 'active_users', value: 1e307 },
      { companyId: '101', date: '0001-01-01', metric: 'active_users', value: 4 },
      { companyId: '101', date: '9999-12-31', metric: 'active_users', value: 4 },
      { companyId: '101', date: '2026-11-22', metric: 'active_users', value: 1e9 },
    ]);
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(1);
    expect(response.body.errors.map((e: { index: number; field: string }) => [e.index, e.field])).toEqual([[0, 'value'], [1, 'value'], [2, 'date'], [3, 'date']]);
    expect(await usageRows()).toEqual([{ company_id: '101', day: '2026-11-22', metric: 'active_users', value: 1e9 }]);
  });

  it('when one batch names the same company, day and metric twice, then both rows are refused with each other\'s index and the rest land', async () => {
    const response = await send([
      { companyId: '101', date: '2026-11-20', metric: 'active_users', value: 10 },
      { companyId: '102', date: '2026-11-20', metric: 'active_users', value: 5 },
      { domain: 'acme.com', date: '2026-11-20', metric: 'active_users', value: 12 },
    ]);
    expect(response.body).toMatchObject({ accepted: 1 });
    expect(response.body.errors).toEqual([
      { index: 0, field: 'date', reason: expect.stringContaining('rows 2') },
      { index: 2, field: 'date', reason: expect.stringContaining('rows 0') },
    ]);
    expect(await usageRows()).toEqual([{ company_id: '102', day: '2026-11-20', metric: 'active_users', value: 5 }]);
  });

  it('when a key is used for usage, then its last_used_at is updated', async () => {
    await db.query('UPDATE api_keys SET last_used_at = NULL');
    await send([{ companyId: '101', date: '2026-11-20', metric: 'active_users', value: 1 }]);
    const keys = await db.query<{ portal_id: number; used: boolean }>('SELECT portal_id, last_used_at IS NOT NULL AS used FROM api_keys ORDER BY portal_id');
    expect(keys.map((k) => [Number(k.portal_id), k.used])).toEqual([[PORTAL, true], [OTHER_PORTAL, false]]);
  });

  it('when the portal was uninstalled, then usage is answered 409 and nothing is stored', async () => {
    await installationsRepository(db).deactivate(PORTAL, 'uninstalled', 'test', new Date());
    try {
      const response = await send([{ companyId: '101', date: '2026-11-20', metric: 'active_users', value: 1 }]);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('INSTALLATION_INACTIVE');
      expect(await usageRows()).toEqual([]);
    } finally {
      await installationsRepository(db).upsertActive({
        portalId: PORTAL, scopes: ['oauth'], hubDomain: null, accessTokenEnc: 'k1:x', refreshTokenEnc: 'k1:y', accessExpiresAt: new Date(), now: new Date(),
      });
    }
  });

  it('when the body is not a list of rows, then it is rejected as a whole', async () => {
    const response = await send({ metric: 'active_users' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
  });
});
