import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeV3Signature } from '../../src/hubspot/signature.ts';
import { createApp } from '../../src/server/create-app.ts';
import { postWebhooksRouter } from '../../src/server/routes/post-webhooks.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { openStore } from '../../src/store/open-store.ts';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const BASE = 'https://waypoint.example';
const SECRET = 'client-secret';
const PORTAL = 777;
const UNINSTALLED = 778;
const NEVER_INSTALLED = 779;

const event = (eventId: number, extra: Record<string, unknown> = {}) => ({
  eventId, subscriptionId: 1, portalId: PORTAL, appId: 4242, occurredAt: NOW, subscriptionType: 'object.propertyChange', attemptNumber: 0,
  objectId: 5000 + eventId, objectTypeId: '0-5', propertyName: 'hs_pipeline_stage', propertyValue: '4', changeSource: 'CRM_UI', ...extra,
});

const signed = (body: string, timestamp = NOW, secret = SECRET) => ({
  'content-type': 'application/json',
  'x-hubspot-request-timestamp': String(timestamp),
  'x-hubspot-signature-v3': computeV3Signature({ method: 'POST', uri: `${BASE}/webhooks/hubspot`, rawBody: body, timestamp: String(timestamp) }, secret),
});

describe('POST /webhooks/hubspot', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  const enqueued: number[] = [];
  const stored = async () => (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM webhook_events')).map((r) => Number(r.n))[0];

  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
    for (const portalId of [PORTAL, UNINSTALLED]) {
      await installationsRepository(db).upsertActive({
        portalId, scopes: ['oauth'], hubDomain: null, accessTokenEnc: 'k1:a', refreshTokenEnc: 'k1:r', accessExpiresAt: new Date(NOW), now: new Date(NOW),
      });
    }
    await installationsRepository(db).deactivate(UNINSTALLED, 'uninstalled', 'app uninstalled', new Date(NOW));
    const logger = createLogger({ level: 'silent' });
    app = createApp({
      logger, db,
      routers: [postWebhooksRouter({
        db, logger, appId: '4242', signature: { clientSecret: SECRET, publicBaseUrl: BASE, clock: fixedClock(new Date(NOW)) },
        enqueueProcessing: async (portalId) => {
          enqueued.push(portalId);
        },
      })],
    });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    enqueued.length = 0;
    await db.query('DELETE FROM webhook_events');
  });

  const body = JSON.stringify([event(1), event(2)]);
  it.each([
    { name: 'a signature made with another secret', headers: signed(body, NOW, 'other-secret'), payload: body, status: 401 },
    { name: 'a timestamp six minutes old', headers: signed(body, NOW - 6 * 60 * 1000), payload: body, status: 401 },
    { name: 'no signature at all', headers: { 'content-type': 'application/json' }, payload: body, status: 401 },
    { name: 'a body changed after signing', headers: signed(body), payload: JSON.stringify([event(1), event(3)]), status: 401 },
    { name: 'malformed JSON, correctly signed', headers: signed('[{"eventId": 1,'), payload: '[{"eventId": 1,', status: 400 },
    { name: 'an object instead of an event array, correctly signed', headers: signed('{"eventId":1}'), payload: '{"eventId":1}', status: 400 },
  ])('when a delivery carries $name, then it is rejected with $status and nothing is stored or enqueued', async ({ headers, payload, status }) => {
    const response = await request(app).post('/webhooks/hubspot').set(headers).send(payload);
    expect(response.status).toBe(status);
    expect(await stored()).toBe(0);
    expect(enqueued).toEqual([]);
  });

  it('when HubSpot redelivers the same events, then they are stored once and processing is enqueued once', async () => {
    const first = await request(app).post('/webhooks/hubspot').set(signed(body)).send(body);
    const second = await request(app).post('/webhooks/hubspot').set(signed(body)).send(body);
    expect(first.body).toEqual({ accepted: 2, duplicates: 0, ignored: 0, dropped: 0 });
    expect(second.body).toEqual({ accepted: 0, duplicates: 2, ignored: 0, dropped: 0 });
    expect(await stored()).toBe(2);
    expect(enqueued).toEqual([PORTAL]);
  });

  it.each([
    { name: 'made by Waypoint\'s own app token', extra: { changeSource: 'INTEGRATION', sourceId: 'app-4242' } },
    { name: 'to one of Waypoint\'s own properties', extra: { objectTypeId: '0-2', propertyName: 'waypoint_health_status', changeSource: 'WORKFLOWS' } },
  ])('when an event reports a change $name, then it is acknowledged but never stored', async ({ extra }) => {
    const own = JSON.stringify([event(7, extra)]);
    const response = await request(app).post('/webhooks/hubspot').set(signed(own)).send(own);
    expect(response.body).toEqual({ accepted: 0, duplicates: 0, ignored: 1, dropped: 0 });
    expect(await stored()).toBe(0);
  });

  it('when an event id is 3 KB long, then the batch is refused with 400 naming the id and nothing is stored', async () => {
    const batch = JSON.stringify([event(1), { ...event(2), eventId: '9'.repeat(3000) }]);
    const response = await request(app).post('/webhooks/hubspot').set(signed(batch)).send(batch);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('eventId');
    expect(await stored()).toBe(0);
  });

  it('when events come for portals that are not installed, then they are answered 200 and dropped, and the installed portal\'s are kept', async () => {
    const batch = JSON.stringify([event(11, { portalId: UNINSTALLED }), event(12, { portalId: NEVER_INSTALLED }), event(13)]);
    const response = await request(app).post('/webhooks/hubspot').set(signed(batch)).send(batch);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0, dropped: 2 });
    expect(await db.query('SELECT DISTINCT portal_id FROM webhook_events')).toEqual([{ portal_id: PORTAL }]);
    expect(enqueued).toEqual([PORTAL]);
  });

  // How fast it is answered is the webhooks bench's figure (npm run bench -- --only webhooks), not a timed test's.
  it('when a full batch of 100 events arrives, then it is answered 200 with every event stored', async () => {
    const batch = JSON.stringify(Array.from({ length: 100 }, (_, i) => event(100 + i)));
    const response = await request(app).post('/webhooks/hubspot').set(signed(batch)).send(batch);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 100 });
    expect(await stored()).toBe(100);
  });
});
