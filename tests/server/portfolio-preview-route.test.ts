import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { previewRouter } from '../../src/server/routes/get-preview-company.ts';
import type { Db } from '../../src/store/db.ts';
import { NOW, healthyCard, memoryStore } from '../writeback/support.ts';
import { addCompany, addScores, appWith, clock, installPortal } from './cards-support.ts';

const PORTAL = 4141;
const card = (companyId: string, over: Partial<ScoreCard>): ScoreCard => ({ ...healthyCard(companyId, NOW), churn: null, ...over });

describe('the sandbox portfolio page over the store', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;

  beforeAll(async () => {
    db = await memoryStore();
    await installPortal(db, PORTAL);
    await addCompany(db, PORTAL, '1', { annual_recurring_revenue: '12000', name: 'Acme, "the" one' });
    await addCompany(db, PORTAL, '2', { annual_recurring_revenue: '8000' });
    await addScores(db, PORTAL, [card('1', { segment: 'smb', cohort: 'positive' }), card('2', { segment: 'smb', cohort: 'negative' })]);
    app = appWith(db, [previewRouter({ db, clock })]);
  });
  afterAll(() => db.close());

  it('when the leader downloads the cohorts CSV from the preview, then it is the endpoint\'s CSV layout with the same figures', async () => {
    const response = await request(app).get(`/preview/portfolio/cohorts.csv?portalId=${PORTAL}`);

    expect(response.status).toBe(200);
    expect(response.type).toBe('text/csv');
    expect(response.headers['content-disposition']).toBe(`attachment; filename=cohorts-${PORTAL}.csv`);
    expect(response.text).toBe('segment,cohort,customers,arr\r\nsmb,negative,1,8000\r\nsmb,positive,1,12000\r\n');
  });

  it('when the page opens, then movement and retention are read from the store like their endpoints, not left out', async () => {
    const response = await request(app).get(`/preview/portfolio?portalId=${PORTAL}`);

    expect(response.text).not.toContain('data-testid="movement-error"');
    expect(response.text).not.toContain('data-testid="retention-error"');
    expect(response.text).toContain('data-testid="trend-line-positive" data-last="1"');
    const trend = await request(app).get(`/preview/portfolio/trend.csv?portalId=${PORTAL}`);
    expect(trend.status).toBe(200);
    expect(trend.text.split('\r\n')[0]).toMatch(/cohort/);
  });

  it('when a section has no CSV export, then the answer is a 404 naming it', async () => {
    const response = await request(app).get(`/preview/portfolio/everything.csv?portalId=${PORTAL}`);
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('no CSV export for the portfolio section everything');
  });

  it('when the worklist filter names a cohort that does not exist, then the page refuses it by name', async () => {
    const response = await request(app).get(`/preview/portfolio?portalId=${PORTAL}&cohort=happy`);
    expect([response.status, response.text]).toEqual([400, expect.stringMatching(/cohort: /)]);
  });

  it('when the page opens with a filter, then every section is drawn and the filter is kept in the form', async () => {
    const response = await request(app).get(`/preview/portfolio?portalId=${PORTAL}&segment=smb&cohort=positive`);

    expect(response.status).toBe(200);
    for (const id of ['cohorts', 'movement', 'retention', 'churn', 'goals', 'worklists', 'renewals']) expect(response.text).toContain(`data-testid="section-${id}"`);
    expect(response.text).toContain('<option value="positive" selected>positive</option>');
  });

  it('when the page opens before any backtest is stored, then it queues one as the endpoint would and says it is being computed', async () => {
    const queued: number[] = [];
    const queueing = appWith(db, [previewRouter({ db, clock, enqueueBacktest: async (portalId) => { queued.push(portalId); } })]);
    const response = await request(queueing).get(`/preview/portfolio?portalId=${PORTAL}`);

    expect(response.text).toContain('data-testid="backtest-empty">Waypoint is scoring your customers');
    expect(response.text).toContain('data-testid="star-pupils-empty">');
    expect(queued).toEqual([PORTAL]);
  });
});
