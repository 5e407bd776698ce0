import { createHmac } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { createApp } from '../../src/server/create-app.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { apiKeysRouter } from '../../src/server/routes/api-keys.ts';
import { getSyncStatusRouter } from '../../src/server/routes/get-sync-status.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { capturingLogger, dumpStore, openTestStore } from './helpers.ts';

const now = new Date('2026-11-23T12:00:00Z');
const clientSecret = 'app-client-secret';
const publicBaseUrl = 'https://waypoint.example.com';
const signed = (method: string, pathAndQuery: string, body = '') => {
  const timestamp = String(now.getTime());
  const signature = createHmac('sha256', clientSecret).update(`${method}${publicBaseUrl}${pathAndQuery}${body}${timestamp}`).digest('base64');
  return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': timestamp };
};

describe('API keys from the settings page (HubSpot-signed)', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openTestStore();
    const apiKeys = apiKeysRepository(db);
    const clock = fixedClock(now);
    const guard = requirePortalAdmin({ apiKeys, clientSecret, publicBaseUrl, clock });
    app = createApp({
      logger: capturingLogger().logger, db,
      routers: [apiKeysRouter({ apiKeys, clock, requirePortalAdmin: guard }), getSyncStatusRouter({ db, requireAdmin: guard })],
    });
  });
  beforeEach(async () => {
    await db.query('DELETE FROM api_keys');
  });
  afterAll(() => db.close());

  const keysPath = '/api/v1/portals/101/api-keys?portalId=101';
  const mintSigned = async (name: string) => {
    const body = JSON.stringify({ name });
    const response = await request(app).post(keysPath).set(signed('POST', keysPath, body)).set('Content-Type', 'application/json').send(body).expect(201);
    return response.body as { key: string; apiKey: { prefix: string; name: string } };
  };
  const listSigned = async () => (await request(app).get(keysPath).set(signed('GET', keysPath)).expect(200)).body.keys as Array<Record<string, unknown>>;

  it('when an admin mints a key, then the answer holds it once, the list shows only its prefix and the store only its hash', async () => {
    const minted = await mintSigned('usage feed');

    expect(minted.key).toMatch(/^wp_[A-Za-z0-9_-]{43}$/);
    expect(minted.apiKey).toMatchObject({ name: 'usage feed', prefix: minted.key.slice(0, 11) });
    const listed = await listSigned();
    expect(listed).toEqual([expect.objectContaining({ name: 'usage feed', prefix: minted.key.slice(0, 11), lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(minted.key);
    expect(await dumpStore(db)).not.toContain(minted.key);
  });

  it('when the minted key is used, then the list shows when it was last used', async () => {
    const { key } = await mintSigned('script');
    await request(app).get('/api/v1/portals/101/sync-status').set('Authorization', `Bearer ${key}`).expect(200);

    expect((await listSigned())[0]?.lastUsedAt).toBe(now.toISOString());
  });

  it('when a key is revoked by its prefix, then the very next call with it gets 401', async () => {
    const { key, apiKey } = await mintSigned('to revoke');
    const path = `/api/v1/portals/101/api-keys/${apiKey.prefix}?portalId=101`;

    const revoked = await request(app).delete(path).set(signed('DELETE', path)).expect(200);

    expect(revoked.body.apiKey.revokedAt).toBe(now.toISOString());
    const refused = await request(app).get('/api/v1/portals/101/sync-status').set('Authorization', `Bearer ${key}`).expect(401);
    expect(refused.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('when an API key tries to mint, list or revoke keys, then it is refused with 403 and nothing is minted', async () => {
    const { key, record } = await mintApiKey({ apiKeys: apiKeysRepository(db), clock: fixedClock(now) }, { portalId: 101, name: 'leaked' });

    for (const call of [
      request(app).post('/api/v1/portals/101/api-keys').send({ name: 'more' }),
      request(app).get('/api/v1/portals/101/api-keys'),
      request(app).delete(`/api/v1/portals/101/api-keys/${record.keyPrefix}`),
    ]) {
      const response = await call.set('Authorization', `Bearer ${key}`).expect(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect(await apiKeysRepository(db).listForPortal(101)).toHaveLength(1);
  });

  it('when a name is missing or a prefix names no key, then the error says which field and why', async () => {
    const body = JSON.stringify({ name: '  ' });
    const noName = await request(app).post(keysPath).set(signed('POST', keysPath, body)).set('Content-Type', 'application/json').send(body).expect(400);
    expect(noName.body.error.message).toBe('name: must not be empty');

    const path = '/api/v1/portals/101/api-keys/wp_nothing1?portalId=101';
    const unknown = await request(app).delete(path).set(signed('DELETE', path)).expect(404);
    expect(unknown.body.error.message).toContain('No active API key of portal 101 starts with wp_nothing1');
  });

  it("when a signed request for one portal asks for another portal's keys, then it gets 404", async () => {
    await mintApiKey({ apiKeys: apiKeysRepository(db), clock: fixedClock(now) }, { portalId: 202, name: 'theirs' });
    const path = '/api/v1/portals/202/api-keys?portalId=101';

    await request(app).get(path).set(signed('GET', path)).expect(404);
  });
});
