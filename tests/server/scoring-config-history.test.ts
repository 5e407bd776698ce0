import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import type { SnapshotSource } from '../../src/portal-scoring/score-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { scoringConfigRouter } from '../../src/server/routes/scoring-config.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { aSnapshot, inboundEmail, usageLine } from '../scoring/support/snapshot.ts';
import { memoryStore } from '../writeback/support.ts';
import { CLIENT_SECRET, NOW_MS, PUBLIC_BASE_URL, appWith, clock, signV3 } from './scoring-config-support.ts';

const PORTAL = 1001;
const base = `/api/v1/portals/${PORTAL}/scoring-config`;

// Two software customers and one retailer: a fit rule on industry moves exactly the retailer.
const companies: CompanySnapshot[] = [
  aSnapshot({ company: { id: '1', name: 'Acme Analytics', activeUsers30d: 40 }, engagements: [inboundEmail(12)], usage: usageLine(40, 40) }),
  aSnapshot({ company: { id: '2', name: 'Globex', activeUsers30d: 40 }, engagements: [inboundEmail(12)], usage: usageLine(40, 40) }),
  aSnapshot({
    company: { id: '3', name: 'Shoe Palace', activeUsers30d: 40, properties: { industry: 'RETAIL', numberofemployees: '250', country: 'Germany', lifecyclestage: 'customer' } },
    engagements: [inboundEmail(12)], usage: usageLine(40, 40),
  }),
];

let gate: Promise<void> | null = null;
const snapshots: SnapshotSource = {
  async *load() {
    if (gate) await gate;
    yield* companies;
  },
};

describe('scoring config: partial saves, history and rollback', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let key: string;
  const saved: number[] = [];
  const newlyRead: Array<readonly string[]> = [];
  const withKey = (call: request.Test) => call.set('authorization', `Bearer ${key}`);
  const signed = (method: 'GET' | 'PUT' | 'POST', suffix: string, body?: unknown) => {
    const url = `${base}${suffix}?portalId=${PORTAL}&userId=77&userEmail=ada%40acme.io`;
    const text = body === undefined ? '' : JSON.stringify(body);
    const call = request(app)[method === 'GET' ? 'get' : method === 'PUT' ? 'put' : 'post'](url)
      .set(signV3({ method, url: `${PUBLIC_BASE_URL}${url}`, body: text, timestamp: NOW_MS }));
    return body === undefined ? call : call.set('content-type', 'application/json').send(text);
  };

  beforeAll(async () => {
    db = await memoryStore();
    const apiKeys = apiKeysRepository(db);
    key = (await mintApiKey({ apiKeys, clock }, { portalId: PORTAL, name: 'test' })).key;
    const admin = requirePortalAdmin({ apiKeys, clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock });
    app = appWith(db, [scoringConfigRouter({ db, clock, snapshots, requirePortalAdmin: admin, onConfigSaved: async (p, info) => { saved.push(p); newlyRead.push(info.newlyRead); } })]);
  });
  afterAll(() => db.close());

  it('when a draft adds retail to the bad-fit industries, then the dry run lists exactly that company with old -> new, why, and the writes it implies', async () => {
    const draft = { fit: { bad: [{ op: 'in', property: 'industry', values: ['RETAIL'] }] } };

    const response = await withKey(request(app).post(`${base}/dry-run`)).send(draft).expect(200);

    expect(response.body).toMatchObject({ companies: 3, fitChanged: 1, cohortChanged: 1, cohortMoves: { [`${response.body.changes[0].cohort.from}->bad_fit`]: 1 } });
    expect(response.body.changes).toEqual([expect.objectContaining({
      companyId: '3', name: 'Shoe Palace', fit: { from: expect.not.stringMatching(/^bad$/), to: 'bad' }, cohort: expect.objectContaining({ to: 'bad_fit' }),
      reason: expect.stringContaining('Fit bad'),
    })]);
    expect(response.body.changes[0].propertiesChanged).toBeGreaterThanOrEqual(2);
    expect(response.body.writeBack).toEqual({ properties: response.body.changes[0].propertiesChanged, companies: 1 });
    expect((await withKey(request(app).get(base))).body.version).toBeNull();
  });

  it('when a draft maps ARR to a property the sync has not read, then the dry run says so instead of scoring it as a real empty', async () => {
    const response = await withKey(request(app).post(`${base}/dry-run`)).send({ properties: { arr: 'contract_value_total' } }).expect(200);

    expect(response.body.unsyncedProperties).toEqual(['contract_value_total']);
  });

  it('when a partial document is saved, then it is merged over the current config (objects merge, lists replace) and stored as a version', async () => {
    const response = await withKey(request(app).put(base)).send({ dark: { defaultDays: 60 }, fit: { bad: [{ op: 'in', property: 'industry', values: ['RETAIL'] }] } }).expect(200);

    expect(response.body).toMatchObject({ version: 1, isDefault: false, savedBy: { kind: 'api_key', keyPrefix: key.slice(0, 11) } });
    const { config } = (await withKey(request(app).get(base))).body;
    expect(config.dark).toEqual({ ...defaultScoringConfig.dark, defaultDays: 60 });
    expect(config.fit.bad).toEqual([{ op: 'in', property: 'industry', values: ['RETAIL'] }]);
    expect(config.fit.good).toEqual(defaultScoringConfig.fit.good);
    expect(saved).toEqual([PORTAL]);
    expect(newlyRead).toEqual([[]]);
  });

  it('when a partial document holds a bad value, then the 400 names its path and reason, and no version is stored', async () => {
    const response = await withKey(request(app).put(base)).send({ health: { status: { green: 40, yellow: 70 } } }).expect(400);

    expect(response.body.error.message).toBe('Scoring config is invalid: health.status.yellow must not exceed green');
    expect(response.body.error.details).toEqual([{ path: 'health.status.yellow', message: 'must not exceed green' }]);
    expect((await withKey(request(app).get(`${base}/versions`))).body.versions).toHaveLength(1);
  });

  it('when an admin saves from the settings page, then the history names the signed HubSpot user and when', async () => {
    await signed('PUT', '', { lifecycle: { onboardingDays: 120 } }).expect(200);

    const history = (await signed('GET', '/versions').expect(200)).body.versions;

    expect(history).toEqual([
      { version: 2, savedAt: new Date(NOW_MS).toISOString(), savedBy: { kind: 'hubspot_user', userId: 77, email: 'ada@acme.io' } },
      { version: 1, savedAt: new Date(NOW_MS).toISOString(), savedBy: { kind: 'api_key', keyPrefix: key.slice(0, 11) } },
    ]);
  });

  it('when rolling back to the default-like version, then the dry run first shows what returns, and the rollback stores it as a new version', async () => {
    await withKey(request(app).put(base)).send({ fit: { bad: defaultScoringConfig.fit.bad } }).expect(200);
    const preview = await signed('POST', '/versions/2/dry-run').expect(200);
    expect(preview.body.changes.map((c: { companyId: string }) => c.companyId)).toEqual(['3']);
    expect(preview.body.changes[0].fit.to).toBe('bad');

    const rolledBack = await signed('POST', '/versions/2/rollback').expect(200);

    expect(rolledBack.body).toMatchObject({ version: 4, savedBy: { kind: 'hubspot_user', userId: 77 } });
    expect((await withKey(request(app).get(base))).body.config).toEqual((await withKey(request(app).get(`${base}/versions/2`))).body.config);
    expect((await signed('POST', '/versions/9/rollback')).status).toBe(404);
  });

  it('when a dry run takes longer than a second, then it answers 202 with an id, and polling it gives progress and then the report', async () => {
    let release = () => {};
    gate = new Promise((resolve) => { release = resolve; });
    try {
      const started = await withKey(request(app).post(`${base}/dry-run`)).send({ dark: { defaultDays: 5 } }).expect(202);
      expect(started.body).toMatchObject({ status: 'running', dryRunId: expect.any(String) });

      const running = await withKey(request(app).get(`${base}/dry-runs/${started.body.dryRunId}`)).expect(202);
      expect(running.body.status).toBe('running');
      gate = null;
      release();
      await expect.poll(async () => (await withKey(request(app).get(`${base}/dry-runs/${started.body.dryRunId}`))).status, { timeout: 300_000 }).toBe(200);
      const done = await withKey(request(app).get(`${base}/dry-runs/${started.body.dryRunId}`));
      expect(done.body).toMatchObject({ companies: 3 });
    } finally {
      gate = null;
      release();
    }
  });

  it('when a saved config reads a property the store has never synced, then the save says so, so a full sync can fetch it', async () => {
    await withKey(request(app).put(base)).send({ properties: { seats: 'licensed_seats' } }).expect(200);

    expect(newlyRead.at(-1)).toEqual(['licensed_seats']);
  });
});
