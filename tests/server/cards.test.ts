import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardDataSchema as cardContract } from '../../cards/card-data.schema.ts';
import { createCardCache } from '../../src/server/cards/card-cache.ts';
import { cardDataRouter } from '../../src/server/routes/get-card-data.ts';
import type { Db } from '../../src/store/db.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { NOW, decliningCard, healthyCard, memoryStore } from '../writeback/support.ts';
import { PUBLIC_BASE_URL, addCompany, addScores, appWith, cardPath, installPortal, signV3, verifier } from './cards-support.ts';

const PORTAL_A = 1001;
const PORTAL_B = 2002;
const UNINSTALLED = 3003;
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR);

describe('GET /api/cards/company, called by the card through hubspot.fetch', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;

  const signedGet = (path: string, options: { timestamp?: number; secret?: string; signedPath?: string } = {}) => {
    const timestamp = options.timestamp ?? NOW.getTime();
    const headers = signV3({ method: 'GET', url: `${PUBLIC_BASE_URL}${options.signedPath ?? path}`, timestamp, secret: options.secret });
    return request(app).get(path).set(headers);
  };

  beforeAll(async () => {
    db = await memoryStore();
    await installPortal(db, PORTAL_A);
    await installPortal(db, PORTAL_B);
    await installPortal(db, UNINSTALLED);
    await installationsRepository(db).deactivate(UNINSTALLED, 'uninstalled', 'test', NOW);
    // The same record id in two portals: each must only ever see its own.
    await addCompany(db, PORTAL_A, '500', { name: 'Alpha Analytics' });
    await addCompany(db, PORTAL_B, '500', { name: 'Beta Bakery' });
    await addCompany(db, PORTAL_B, '600', { name: 'Only in B' });
    await addCompany(db, PORTAL_A, '700', { name: 'Prospect Inc', lifecyclestage: 'lead' });
    await addCompany(db, PORTAL_A, '800', { name: 'New Customer' });
    await addCompany(db, UNINSTALLED, '900', { name: 'Gone' });
    await addScores(db, PORTAL_A, [
      healthyCard('500', at(72)), healthyCard('500', at(49)), decliningCard('500', at(48)), decliningCard('500', at(24)), healthyCard('500', NOW),
    ]);
    await addScores(db, PORTAL_B, [decliningCard('500', NOW), healthyCard('600', NOW)]);
    await addScores(db, UNINSTALLED, [healthyCard('900', NOW)]);
    app = appWith(db, [cardDataRouter({ db, cardCache: createCardCache(), verifyHubSpotSignature: verifier })]);
  });
  afterAll(() => db.close());

  it('when HubSpot signs a request for a scored company, then the card gets its data in the card contract, with one trend point per day', async () => {
    const response = await signedGet(cardPath(PORTAL_A, '500'));

    expect(response.status).toBe(200);
    const data = cardContract.parse(response.body);
    if (data.status !== 'ok') throw new Error(`expected a scored card, got ${data.status}`);
    expect(data.company).toEqual({ id: '500', name: 'Alpha Analytics' });
    const latest = healthyCard('500', NOW);
    expect(data.score.healthScore).toBeCloseTo(latest.health.score, 0);
    expect(data.score.cohort).toBe(latest.cohort);
    expect(data.score.trend.map((p) => p.date)).toEqual(['2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01']);
    // Two scores on 2026-10-30: the later (declining) one is the day's point.
    expect(data.score.trend[1]?.score).toBeCloseTo(decliningCard('500', at(48)).health.score, 0);
    expect(Buffer.byteLength(response.text)).toBeLessThan(32 * 1024);
  });

  it('when a caller revalidates a card it saw before, then it gets the whole card again, never an empty 304, and no ETag to revalidate with', async () => {
    const first = await signedGet(cardPath(PORTAL_A, '500'));
    const revalidated = await signedGet(cardPath(PORTAL_A, '500')).set('If-None-Match', '*');

    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers).not.toHaveProperty('etag');
    expect(revalidated.status).toBe(200);
    expect(revalidated.text).toBe(first.text);
    expect(cardContract.parse(revalidated.body).status).toBe('ok');
  });

  it('when the company is renamed in HubSpot and not rescored since, then its next first view shows the new name with the stored score', async () => {
    await addCompany(db, PORTAL_B, '600', { name: 'Renamed in B' });
    const fresh = appWith(db, [cardDataRouter({ db, cardCache: createCardCache(), verifyHubSpotSignature: verifier })]);
    const path = cardPath(PORTAL_B, '600');

    const response = await request(fresh).get(path).set(signV3({ method: 'GET', url: `${PUBLIC_BASE_URL}${path}`, timestamp: NOW.getTime() }));

    const data = cardContract.parse(response.body);
    if (data.status !== 'ok') throw new Error(`expected a scored card, got ${data.status}`);
    expect(data.company).toEqual({ id: '600', name: 'Renamed in B' });
    expect(data.score.healthScore).toBeCloseTo(healthyCard('600', NOW).health.score, 0);
  });

  it.each([
    { name: 'a company that is not a customer', objectId: '700', status: 'not_customer' },
    { name: 'a customer Waypoint has not scored yet', objectId: '800', status: 'not_scored' },
  ])('when the card asks about $name, then it answers $status', async ({ objectId, status }) => {
    const response = await signedGet(cardPath(PORTAL_A, objectId));

    expect(response.status).toBe(200);
    expect(cardContract.parse(response.body)).toEqual({ status });
  });

  it('when two portals hold the same record id, then each portal sees only its own company', async () => {
    const [a, b] = await Promise.all([signedGet(cardPath(PORTAL_A, '500')), signedGet(cardPath(PORTAL_B, '500'))]);

    expect(a.body.company.name).toBe('Alpha Analytics');
    expect(b.body.company.name).toBe('Beta Bakery');
    expect(b.body.score.cohort).toBe(decliningCard('500', NOW).cohort);
    expect(b.body.score.trend).toHaveLength(1);
  });

  it('when a portal asks for a company that only another portal has, then it gets 404 and nothing of the other portal', async () => {
    const response = await signedGet(cardPath(PORTAL_A, '600'));

    expect(response.status).toBe(404);
    expect(response.text).not.toContain('Only in B');
  });

  it('when an installed portal asks for a company no portal has, then it gets 404', async () => {
    const response = await signedGet(cardPath(PORTAL_A, '424242'));

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });

  it('when a portal never installed Waypoint, then a validly signed request is refused, not told whether the company exists', async () => {
    const response = await signedGet(cardPath(4004, '500'));

    expect(response.status).toBe(403);
    expect(response.text).not.toContain('Alpha');
  });

  it('when the portal has uninstalled Waypoint, then even a validly signed request is refused', async () => {
    const response = await signedGet(cardPath(UNINSTALLED, '900'));

    expect(response.status).toBe(403);
    expect(response.text).not.toContain('Gone');
  });

  it.each([
    { name: 'signed with another secret (forged)', send: () => signedGet(cardPath(PORTAL_A, '500'), { secret: 'not-the-client-secret' }) },
    { name: 'signed 6 minutes ago (stale)', send: () => signedGet(cardPath(PORTAL_A, '500'), { timestamp: NOW.getTime() - 6 * 60_000 }) },
    { name: 'stamped 6 minutes in the future', send: () => signedGet(cardPath(PORTAL_A, '500'), { timestamp: NOW.getTime() + 6 * 60_000 }) },
    { name: 'replayed for another company', send: () => signedGet(cardPath(PORTAL_A, '500'), { signedPath: cardPath(PORTAL_A, '800') }) },
    { name: 'replayed for another portal', send: () => signedGet(cardPath(PORTAL_B, '500'), { signedPath: cardPath(PORTAL_A, '500') }) },
    { name: 'replayed against another path', send: () => signedGet(cardPath(PORTAL_A, '500'), { signedPath: cardPath(PORTAL_A, '500', '/api/cards/other') }) },
    { name: 'without any signature', send: () => request(app).get(cardPath(PORTAL_A, '500')) },
  ])('when a request is $name, then it is rejected as unauthenticated and carries no card data', async ({ send }) => {
    const response = await send();

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('INVALID_SIGNATURE');
    expect(response.text).not.toContain('Alpha');
  });

  it('when HubSpot adds escaped query values such as the user email, then the signature over the decoded URL is accepted', async () => {
    const path = `${cardPath(PORTAL_A, '500')}&userEmail=csm%40example.com&note=a%3Ab%2Cc`;

    const response = await signedGet(path);

    expect(response.status).toBe(200);
    expect(response.body.company.name).toBe('Alpha Analytics');
  });

  it('when the host in the signed URL is not Waypoint\'s public URL, then the request is rejected', async () => {
    const path = cardPath(PORTAL_A, '500');
    const headers = signV3({ method: 'GET', url: `https://attacker.example${path}`, timestamp: NOW.getTime() });

    const response = await request(app).get(path).set(headers);

    expect(response.status).toBe(401);
  });

  it.each([
    { name: 'portalId missing', path: '/api/cards/company?objectId=500' },
    { name: 'objectId not a record id', path: '/api/cards/company?portalId=1001&objectId=abc' },
  ])('when a signed request has $name, then it is a 400 naming the field', async ({ path }) => {
    const response = await signedGet(path);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/portalId|objectId/);
  });
});
