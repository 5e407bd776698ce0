import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { previewRouter } from '../../src/server/routes/get-preview-company.ts';
import type { Db } from '../../src/store/db.ts';
import { NOW, healthyCard, memoryStore } from '../writeback/support.ts';
import { addCompany, addScores, type appWith } from './cards-support.ts';
import { portfolioApp } from './portfolio-support.ts';

const PORTAL = 4040;
const card = (companyId: string, over: Partial<ScoreCard>): ScoreCard => ({ ...healthyCard(companyId, NOW), churn: null, ...over });

describe('the portfolio: cohorts by segment', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let key: string;

  beforeAll(async () => {
    db = await memoryStore();
    ({ app, key } = await portfolioApp(db, PORTAL, [previewRouter({ db })]));
    await addCompany(db, PORTAL, '1', { annual_recurring_revenue: '12000' });
    await addCompany(db, PORTAL, '2', { annual_recurring_revenue: '8000' });
    await addCompany(db, PORTAL, '3', { annual_recurring_revenue: '5000' });
    await addScores(db, PORTAL, [
      card('1', { segment: 'scale', cohort: 'positive' }),
      card('2', { segment: 'scale', cohort: 'positive' }),
      card('3', { segment: 'scale', cohort: 'bad_fit', churn: { avoidable: false, expected: true, reason: 'bad fit' } }),
    ]);
  });
  afterAll(() => db.close());

  it('when an admin asks with the portal\'s API key, then current customers are counted by cohort with their ARR and the churned one apart', async () => {
    const response = await request(app).get(`/api/v1/portals/${PORTAL}/portfolio/cohorts`).set('authorization', `Bearer ${key}`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      portalId: PORTAL, arrProperty: 'annual_recurring_revenue',
      cells: [{ segment: 'scale', cohort: 'positive', customers: 2, arr: 20000 }],
      churned: [{ segment: 'scale', customers: 1, arr: 5000 }],
    });
  });

  it('when the export asks for CSV (by ?format=csv or by Accept), then the same cells come as an RFC 4180 table', async () => {
    const expected = 'segment,cohort,customers,arr\r\nscale,positive,2,20000\r\nscale,churned,1,5000\r\n';
    const byQuery = await request(app).get(`/api/v1/portals/${PORTAL}/portfolio/cohorts?format=csv`).set('authorization', `Bearer ${key}`);
    const byAccept = await request(app).get(`/api/v1/portals/${PORTAL}/portfolio/cohorts`).set('authorization', `Bearer ${key}`).set('accept', 'text/csv');

    for (const response of [byQuery, byAccept]) {
      expect(response.status).toBe(200);
      expect(response.type).toBe('text/csv');
      expect(response.headers['content-disposition']).toBe(`attachment; filename=cohorts-${PORTAL}.csv`);
      expect(response.text).toBe(expected);
    }
  });

  it('when the format asked for is neither json nor csv, then the answer is a 400 naming the parameter', async () => {
    const response = await request(app).get(`/api/v1/portals/${PORTAL}/portfolio/cohorts?format=xlsx`).set('authorization', `Bearer ${key}`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toContain('format');
  });

  it('when the request carries no key or signature, then nothing is read and the answer is a 401', async () => {
    const response = await request(app).get(`/api/v1/portals/${PORTAL}/portfolio/cohorts`);
    expect(response.status).toBe(401);
  });

  it('when the sandbox opens /preview/portfolio, then the table shows the positive cell and the churned customer apart', async () => {
    const response = await request(app).get('/preview/portfolio');

    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    expect(response.text).toContain('data-testid="cohorts-by-segment"');
    expect(response.text).toMatch(/<td>scale<\/td>.*data-testid="cell-scale-positive">2<\/a><br><span class="muted">20,000<\/span><\/td>.*<td>1<br><span class="muted">5,000<\/span><\/td><\/tr>/s);
  });
});
