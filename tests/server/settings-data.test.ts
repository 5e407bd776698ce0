import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { portalPropertiesReader, settingsDataRouter } from '../../src/server/routes/settings-data.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { memoryStore } from '../writeback/support.ts';
import { CLIENT_SECRET, PUBLIC_BASE_URL, appWith } from './cards-support.ts';

describe('settings data: the portal\'s properties and live fit counts', () => {
  let emulator: Emulator;
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let key: string;
  let portalId: number;
  const clock = fixedClock('2026-11-01T00:00:00Z');
  const properties = () => request(app).get(`/api/v1/portals/${portalId}/properties`).set('authorization', `Bearer ${key}`);

  beforeAll(async () => {
    emulator = await startEmulator({ size: 'S', seed: 3, limits: { enabled: false }, webhooks: { enabled: false } });
    portalId = emulator.state.portalIds()[0] ?? 0;
    const token = emulator.issueToken(portalId).access_token;
    const hubspot = createHubSpotClient({ baseUrl: emulator.baseUrl, tokenProvider: { getAccessToken: async () => token }, logger: createLogger({ level: 'silent' }) });
    db = await memoryStore();
    const apiKeys = apiKeysRepository(db);
    key = (await mintApiKey({ apiKeys, clock }, { portalId, name: 'settings' })).key;
    const admin = requirePortalAdmin({ apiKeys, clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock });
    app = appWith(db, [settingsDataRouter({ db, readProperties: portalPropertiesReader({ clock, hubspot }), requirePortalAdmin: admin })]);
    const customer = { lifecyclestage: 'customer', country: 'Germany' };
    await crmRepository(db).upsertObjects(portalId, 'companies', [
      { id: '1', properties: { ...customer, industry: 'COMPUTER_SOFTWARE', numberofemployees: '250' } },
      { id: '2', properties: { ...customer, industry: 'RETAIL', numberofemployees: '3' } },
      { id: '3', properties: { ...customer, industry: 'COMPUTER_SOFTWARE', numberofemployees: '40' } },
      { id: '4', properties: { lifecyclestage: 'lead', industry: 'RETAIL', numberofemployees: '3' } },
    ]);
  });
  afterAll(async () => {
    await db.close();
    await emulator.stop();
  });

  it('when the page asks for properties, then each object type comes with HubSpot labels, types and option labels', async () => {
    const response = await properties().expect(200);

    const companies = response.body.objects.companies.properties as Array<{ name: string; label: string; type: string; options: Array<{ label: string; value: string }> }>;
    const industry = companies.find((p) => p.name === 'industry');
    expect(industry).toMatchObject({ type: 'enumeration' });
    expect(industry?.options).toContainEqual({ label: 'Computer Software', value: 'COMPUTER_SOFTWARE' });
    expect(companies.find((p) => p.name === 'renewal_date')?.type).toBe('date');
    for (const type of ['deals', 'contacts']) expect(response.body.objects[type]).toMatchObject({ available: true, properties: expect.any(Array) });
    expect(response.body.objects.deals.properties.map((p: { name: string }) => p.name)).toContain('dealstage');
  });

  it('when the page opens again within a minute, then HubSpot is not asked again', async () => {
    await properties().expect(200);
    emulator.resetStats();

    await properties().expect(200);

    expect(emulator.stats().byPortal[String(portalId)]?.total ?? 0).toBe(0);
  });

  it('when a draft fit rule is counted, then each rule shows how many customers it matches and leads are left out', async () => {
    const draft = { fit: { good: [{ op: 'in', property: 'industry', values: ['COMPUTER_SOFTWARE'] }, { op: 'gte', property: 'numberofemployees', value: 100 }], bad: [{ op: 'lt', property: 'numberofemployees', value: 5 }] } };

    const response = await request(app).post(`/api/v1/portals/${portalId}/scoring-config/fit-counts`).set('authorization', `Bearer ${key}`).send(draft).expect(200);

    expect(response.body).toEqual({ customers: 3, good: [2, 1], bad: [1], fit: { good: 1, stretch: 1, bad: 1 } });
  });

  it('when a draft rule is invalid, then the error names the rule\'s field', async () => {
    const draft = { fit: { good: [{ op: 'between', property: 'numberofemployees', min: 10, max: 1 }] } };

    const response = await request(app).post(`/api/v1/portals/${portalId}/scoring-config/fit-counts`).set('authorization', `Bearer ${key}`).send(draft).expect(400);

    expect(response.body.error.message).toBe('Scoring config is invalid: fit.good.0.max min must not exceed max');
  });
});
