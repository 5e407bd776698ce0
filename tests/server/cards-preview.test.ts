import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewRouter } from '../../src/server/routes/get-preview-company.ts';
import type { Db } from '../../src/store/db.ts';
import { NOW, decliningCard, healthyCard, memoryStore } from '../writeback/support.ts';
import { addCompany, addScores, appWith, installPortal } from './cards-support.ts';

const PORTAL = 1001;
const DAY = 86_400_000;

describe('the sandbox preview pages', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;

  beforeAll(async () => {
    db = await memoryStore();
    await installPortal(db, PORTAL);
    await addCompany(db, PORTAL, '500', { name: 'Alpha <script>alert(1)</script> & Co' });
    await addCompany(db, PORTAL, '501', { name: 'Declining Ltd' });
    await addCompany(db, PORTAL, '502', { name: 'Fresh Customer' });
    await addScores(db, PORTAL, [healthyCard('500', new Date(NOW.getTime() - 2 * DAY)), healthyCard('500', new Date(NOW.getTime() - DAY)), healthyCard('500', NOW)]);
    await addScores(db, PORTAL, [decliningCard('501', NOW)]);
    app = appWith(db, [previewRouter({ db })]);
  });
  afterAll(() => db.close());

  it('when someone opens a scored company, then the page shows its health, cohort, next play and a trend chart with one point per day', async () => {
    const response = await request(app).get('/preview/companies/500');

    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    const card = healthyCard('500', NOW);
    expect(response.text).toContain(`data-testid="health-score">${Math.round(card.health.score)}<`);
    expect(response.text).toMatch(/<svg class="trend" data-testid="trend-chart" data-points="3"/);
    expect(response.text).toContain(card.nextPlay.reason.replaceAll("'", '&#39;'));
  });

  it('when a company name carries markup, then it is shown as text and never runs', async () => {
    const response = await request(app).get('/preview/companies/500');

    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).toContain('Alpha &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
  });

  it('when the worklist opens, then the customer with the higher priority comes first and links to its card', async () => {
    const response = await request(app).get('/preview');

    expect(response.status).toBe(200);
    const declining = response.text.indexOf('Declining Ltd');
    const healthy = response.text.indexOf('Alpha');
    const [first, second] = decliningCard('501', NOW).priority >= healthyCard('500', NOW).priority ? [declining, healthy] : [healthy, declining];
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(second);
    expect(response.text).toContain('href="/preview/companies/501?portalId=1001"');
  });

  it.each([
    { path: '/preview/companies/502', shows: 'Not scored yet', status: 200 },
    { path: '/preview/companies/999', shows: 'No company 999', status: 404 },
    { path: '/preview/companies/abc', shows: 'HubSpot record id', status: 400 },
  ])('when someone opens $path, then the answer is $status saying "$shows"', async ({ path, shows, status }) => {
    const response = await request(app).get(path);

    expect(response.status).toBe(status);
    expect(response.text).toContain(shows);
  });
});
