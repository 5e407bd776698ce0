import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import type { SnapshotSource } from '../../src/portal-scoring/score-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { scoringConfigRouter } from '../../src/server/routes/scoring-config.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { aSnapshot, inboundEmail, usageLine } from '../scoring/support/snapshot.ts';
import { memoryStore } from '../writeback/support.ts';
import { CLIENT_SECRET, PUBLIC_BASE_URL, appWith, clock } from './cards-support.ts';

const PORTAL = 1001;
const OTHER = 2002;

/** Three customers in the mid segment (ARR 50k) with middling health, so moving the status bands moves them. */
const snapshots: SnapshotSource = {
  async *load() {
    for (const id of ['1', '2', '3']) {
      yield aSnapshot({ company: { id, activeUsers30d: 40 }, engagements: [inboundEmail(12)], usage: usageLine(40, 40) });
    }
  },
};

describe('the scoring config admin API', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let key: string;
  let otherKey: string;
  const path = (portalId = PORTAL, suffix = '') => `/api/v1/portals/${portalId}/scoring-config${suffix}`;
  const saved: number[] = [];

  beforeAll(async () => {
    db = await memoryStore();
    const apiKeys = apiKeysRepository(db);
    key = (await mintApiKey({ apiKeys, clock }, { portalId: PORTAL, name: 'test' })).key;
    otherKey = (await mintApiKey({ apiKeys, clock }, { portalId: OTHER, name: 'other' })).key;
    const admin = requirePortalAdmin({ apiKeys, clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock });
    app = appWith(db, [scoringConfigRouter({ db, clock, snapshots, requirePortalAdmin: admin, onConfigSaved: async (p) => saved.push(p) })]);
  });
  afterAll(() => db.close());

  it('when a portal has never saved a config, then it reads the shipped default', async () => {
    const response = await request(app).get(path()).set('authorization', `Bearer ${key}`);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ portalId: PORTAL, version: null, isDefault: true });
    expect(response.body.config).toEqual(defaultScoringConfig);
  });

  it('when a draft raises the green bar above everyone, then the dry run counts the status changes and stores nothing', async () => {
    const draft = structuredClone(defaultScoringConfig);
    draft.health.status = { green: 99, yellow: 98 };

    const response = await request(app).post(path(PORTAL, '/dry-run')).set('authorization', `Bearer ${key}`).send(draft);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ currentVersion: null, companies: 3, customerChanged: 0 });
    expect(response.body.statusChanged).toBeGreaterThan(0);
    expect(response.body.statusChanged).toBeLessThanOrEqual(3);
    expect((await request(app).get(path()).set('authorization', `Bearer ${key}`)).body.version).toBeNull();
  });

  it('when the dry run gets the current config back, then nothing would change', async () => {
    const response = await request(app).post(path(PORTAL, '/dry-run')).set('authorization', `Bearer ${key}`).send(defaultScoringConfig);

    expect(response.body).toMatchObject({ companies: 3, cohortChanged: 0, statusChanged: 0, playChanged: 0 });
  });

  it('when an admin saves twice, then versions 1 and 2 exist, the latest is served and rescoring is asked for', async () => {
    const draft = structuredClone(defaultScoringConfig);
    draft.dark.defaultDays = 60;
    await request(app).put(path()).set('authorization', `Bearer ${key}`).send(defaultScoringConfig).expect(200);

    const response = await request(app).put(path()).set('authorization', `Bearer ${key}`).send(draft);

    expect(response.body).toMatchObject({ version: 2, isDefault: false });
    const read = await request(app).get(path()).set('authorization', `Bearer ${key}`);
    expect(read.body.version).toBe(2);
    expect(read.body.config.dark.defaultDays).toBe(60);
    expect(saved).toEqual([PORTAL, PORTAL]);
  });

  it('when a config has an invalid weight, then the 400 names the field and nothing is saved', async () => {
    const draft = structuredClone(defaultScoringConfig) as unknown as { health: { components: { usage: { weight: number } } } };
    draft.health.components.usage.weight = 3;
    const before = (await request(app).get(path()).set('authorization', `Bearer ${key}`)).body.version;

    const response = await request(app).put(path()).set('authorization', `Bearer ${key}`).send(draft);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('health.components.usage.weight');
    expect((await request(app).get(path()).set('authorization', `Bearer ${key}`)).body.version).toBe(before);
  });

  it.each([
    { name: 'no credentials', auth: undefined, status: 401 },
    { name: "another portal's API key", auth: 'other', status: 404 },
    { name: 'an unknown API key', auth: 'wp_not-a-real-key', status: 401 },
  ])('when a request comes with $name, then it is refused', async ({ auth, status }) => {
    const bearer = auth === 'other' ? otherKey : auth;
    const call = request(app).get(path());
    const response = await (bearer ? call.set('authorization', `Bearer ${bearer}`) : call);

    expect(response.status).toBe(status);
    expect(response.body.config).toBeUndefined();
  });
});
