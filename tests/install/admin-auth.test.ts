import { createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { createApp } from '../../src/server/create-app.ts';
import { requirePortalAdmin, type PortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { verifyHubSpotSignature } from '../../src/server/middleware/verify-hubspot-signature.ts';
import { capturingLogger, dumpStore, openTestStore } from './helpers.ts';

const now = new Date('2026-11-23T12:00:00Z');
const clientSecret = 'app-client-secret';
const publicBaseUrl = 'https://waypoint.example.com';
// HubSpot's recipe, written out independently of src/hubspot/signature.ts.
const hubspotHeaders = (method: string, pathAndQuery: string, body = '', at = now.getTime(), secret = clientSecret) => {
  const timestamp = String(at);
  const signature = createHmac('sha256', secret).update(`${method}${publicBaseUrl}${pathAndQuery}${body}${timestamp}`).digest('base64');
  return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': timestamp };
};

describe('admin authentication', () => {
  let db: Db;
  let app: express.Express;
  beforeEach(async () => {
    db = await openTestStore();
    const deps = { apiKeys: apiKeysRepository(db), clientSecret, publicBaseUrl, clock: fixedClock(now) };
    const router = express.Router();
    router.get('/api/v1/portals/:portalId/whoami', requirePortalAdmin(deps), (_req, res) => {
      const admin = res.locals.admin as PortalAdmin;
      res.json({ portalId: admin.portalId, via: admin.via });
    });
    router.post('/webhooks/hubspot', verifyHubSpotSignature(deps), (req, res) => {
      res.json({ received: (req.body as unknown[]).length });
    });
    app = createApp({ logger: capturingLogger().logger, db, routers: [router] });
  });
  afterEach(async () => {
    await db.close();
  });
  const mint = (portalId: number) => mintApiKey({ apiKeys: apiKeysRepository(db), clock: fixedClock(now) }, { portalId, name: 'ci' });

  it('when a portal API key calls its own portal, then it is let in and its use is recorded', async () => {
    const { key, record } = await mint(101);

    const response = await request(app).get('/api/v1/portals/101/whoami').set('Authorization', `Bearer ${key}`).expect(200);

    expect(response.body).toEqual({ portalId: 101, via: 'api_key' });
    expect((await apiKeysRepository(db).listForPortal(101))[0]?.lastUsedAt?.toISOString()).toBe(now.toISOString());
    expect(record.keyPrefix).toBe(key.slice(0, 11));
  });

  it("when a portal's key is used on another portal, then it gets 404 as if that portal did not exist", async () => {
    const { key } = await mint(101);
    await mint(202);

    const response = await request(app).get('/api/v1/portals/202/whoami').set('Authorization', `Bearer ${key}`).expect(404);

    expect(response.body.error).toEqual({ code: 'NOT_FOUND', message: 'Portal 202 not found' });
  });

  it.each([
    { story: 'an unknown key', header: () => `Bearer wp_${'A'.repeat(43)}`, status: 401, code: 'UNAUTHENTICATED' },
    { story: 'a malformed key', header: () => 'Bearer not-a-key', status: 401, code: 'UNAUTHENTICATED' },
    { story: 'no credentials', header: () => undefined, status: 401, code: 'UNAUTHENTICATED' },
  ])('when a caller presents $story, then it is refused with $status', async ({ header, status, code }) => {
    await mint(101);
    const call = request(app).get('/api/v1/portals/101/whoami');
    const value = header();
    if (value) call.set('Authorization', value);

    const response = await call.expect(status);

    expect(response.body.error.code).toBe(code);
  });

  it('when a key is revoked, then it stops working at once', async () => {
    const { key, record } = await mint(101);
    await apiKeysRepository(db).revoke(101, record.id, now);

    await request(app).get('/api/v1/portals/101/whoami').set('Authorization', `Bearer ${key}`).expect(401);
  });

  it('when keys are minted, then only their hash and display prefix are stored', async () => {
    const { key } = await mint(101);

    const store = await dumpStore(db);

    expect(store).not.toContain(key);
    expect(store).toContain(key.slice(0, 11));
  });

  it.each([
    { story: 'signed by HubSpot for that portal', path: '/api/v1/portals/101/whoami?portalId=101', headers: () => hubspotHeaders('GET', '/api/v1/portals/101/whoami?portalId=101'), status: 200 },
    { story: 'signed by HubSpot for another portal', path: '/api/v1/portals/202/whoami?portalId=101', headers: () => hubspotHeaders('GET', '/api/v1/portals/202/whoami?portalId=101'), status: 404 },
    { story: 'signed with another secret', path: '/api/v1/portals/101/whoami?portalId=101', headers: () => hubspotHeaders('GET', '/api/v1/portals/101/whoami?portalId=101', '', now.getTime(), 'other'), status: 401 },
    { story: 'signed six minutes ago', path: '/api/v1/portals/101/whoami?portalId=101', headers: () => hubspotHeaders('GET', '/api/v1/portals/101/whoami?portalId=101', '', now.getTime() - 6 * 60_000), status: 401 },
    { story: 'signed for one URL and sent to another', path: '/api/v1/portals/101/whoami?portalId=101', headers: () => hubspotHeaders('GET', '/api/v1/portals/101/whoami?portalId=101&x=1'), status: 401 },
  ])('when a settings-page request arrives $story, then it gets $status', async ({ path, headers, status }) => {
    await request(app).get(path).set(headers()).expect(status);
  });

  it('when HubSpot posts a signed webhook batch, then the raw body is what is verified and a tampered body is refused', async () => {
    const body = '[{"eventId":1,"portalId":101},{"eventId":2,"portalId":101}]';

    const ok = await request(app).post('/webhooks/hubspot').set('Content-Type', 'application/json').set(hubspotHeaders('POST', '/webhooks/hubspot', body)).send(body).expect(200);
    const tampered = await request(app).post('/webhooks/hubspot').set('Content-Type', 'application/json')
      .set(hubspotHeaders('POST', '/webhooks/hubspot', body)).send(body.replace('"eventId":2', '"eventId":3')).expect(401);

    expect(ok.body).toEqual({ received: 2 });
    expect(tampered.body.error.code).toBe('INVALID_SIGNATURE');
  });
});
