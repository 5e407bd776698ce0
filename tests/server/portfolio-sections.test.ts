import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goalSchema, portfolioChurnReviewSchema, portfolioMovementSchema, portfolioRenewalsSchema, portfolioRetentionSchema, portfolioWorklistsSchema } from '../../src/portfolio/portfolio.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import type { Db } from '../../src/store/db.ts';
import { wholePortfolio } from '../../src/store/portfolio-sections.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { NOW, healthyCard, memoryStore } from '../writeback/support.ts';
import { addCompany, type appWith } from './cards-support.ts';
import { portfolioApp } from './portfolio-support.ts';

const PORTAL = 5050;
const DAY = 86_400_000;
const longAgo = new Date(NOW.getTime() - 400 * DAY);
const card = (companyId: string, at: Date, over: Partial<ScoreCard>): ScoreCard => {
  const base = healthyCard(companyId, at);
  return { ...base, churn: null, ...over, fit: { ...base.fit, value: over.cohort === 'bad_fit' ? 'bad' : 'good' } };
};

describe('the portfolio\'s section endpoints', () => {
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let key: string;
  const get = (path: string) => request(app).get(`/api/v1/portals/${PORTAL}/portfolio/${path}`).set('authorization', `Bearer ${key}`);

  beforeAll(async () => {
    db = await memoryStore();
    ({ app, key } = await portfolioApp(db, PORTAL));
    await addCompany(db, PORTAL, '1', { name: 'Acme, Inc.', annual_recurring_revenue: '12000' });
    await addCompany(db, PORTAL, '2', { annual_recurring_revenue: '8000' });
    const scores = scoresRepository(db);
    await scores.insertMany(PORTAL, [
      card('1', longAgo, { segment: 'mid', cohort: 'neutral' }), card('2', longAgo, { segment: 'mid', cohort: 'bad_fit' }),
    ], null, new Map([['1', { arr: 10_000 }], ['2', { arr: 8_000 }]]));
    await scores.insertMany(PORTAL, [
      card('1', NOW, { segment: 'mid', cohort: 'positive' }),
      card('2', NOW, { segment: 'mid', cohort: 'bad_fit', churn: { avoidable: false, expected: true, reason: 'bad fit' } }),
    ], null, new Map([['1', { arr: 12_000 }], ['2', { arr: 8_000, churnedAt: '2026-10-20T00:00:00.000Z', churnReason: 'bad_fit' }]]));
  });
  afterAll(() => db.close());

  it('when the leader reads retention, then every period shows good-fit NRR above the all-customer NRR the bad fit\'s churn lowered', async () => {
    const response = await get('retention');

    expect(response.status).toBe(200);
    const body = portfolioRetentionSchema.parse(response.body);
    expect(body.periods.map((p) => p.months)).toEqual([3, 6, 12]);
    for (const period of body.periods) {
      expect(period.total.goodFit).toMatchObject({ startArr: 10_000, expansionArr: 2_000, netRevenueRetention: 1.2 });
      expect(period.total.all).toMatchObject({ startArr: 18_000, churnedArr: 8_000, netRevenueRetention: 12_000 / 18_000 });
      expect(period.byCohort.map((c) => c.cohort)).toEqual(['bad_fit', 'neutral']);
    }
  });

  it('when one period is asked for as CSV, then its total, cohorts, segment and cells come one row per scope', async () => {
    const response = await get('retention?months=6&format=csv');

    expect(response.status).toBe(200);
    expect(response.type).toBe('text/csv');
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('months,start,group,key,scope,customers,retained_customers,start_arr,expansion_arr,contraction_arr,churned_arr,grr,nrr,logo_retention');
    expect(lines).toHaveLength(1 + 6 * 3);
    expect(lines).toContain('6,2026-05-01T00:00:00.000Z,total,,good_fit,1,1,10000,2000,0,0,1,1.2,1');
    expect(lines).toContain('6,2026-05-01T00:00:00.000Z,cohort,neutral,bad_fit,0,0,0,0,0,0,,,');
  });

  it('when the period is not 3, 6 or 12 months, then the answer is a 400 naming months', async () => {
    const response = await get('retention?months=5');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('months');
  });

  it('when the leader reads movement, then the cohort change since 90 days shows, and the trend exports as CSV', async () => {
    const json = await get('movement?weeks=2');
    expect(json.status).toBe(200);
    const body = portfolioMovementSchema.parse(json.body);
    expect(body.windows.find((w) => w.days === 90)?.transitions).toEqual([
      { from: 'bad_fit', to: 'churned', customers: 1, arr: 8_000 }, { from: 'neutral', to: 'positive', customers: 1, arr: 12_000 },
    ]);

    const csv = await get('movement?weeks=2&table=trend&format=csv');
    expect(csv.type).toBe('text/csv');
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual(['week_ending,cohort,customers', '2026-10-25T00:00:00.000Z,bad_fit,1']);
    expect(csv.text).toContain('2026-11-01T00:00:00.000Z,positive,1\r\n');
  });

  it('when the leader reviews churn, then the bad fit that left is unavoidable and expected, in the JSON and the CSV', async () => {
    const json = await get('churn-review?months=3');
    expect(json.status).toBe(200);
    const body = portfolioChurnReviewSchema.parse(json.body);
    expect(body.quadrants.filter((q) => q.customers > 0)).toEqual([{ quadrant: 'unavoidable_expected', avoidable: false, expected: true, customers: 1, arr: 8_000 }]);
    expect(body.customers).toMatchObject([{ companyId: '2', fit: 'bad', churnedAt: '2026-10-20T00:00:00.000Z', reasonCode: 'bad_fit', reason: 'bad fit' }]);

    const csv = await get('churn-review?months=3&format=csv');
    expect(csv.text).toBe('company_id,name,segment,fit,churned_at,reason_code,avoidable,expected,quadrant,reason,arr\r\n'
      + '2,Company 2,mid,bad,2026-10-20T00:00:00.000Z,bad_fit,false,true,unavoidable_expected,bad fit,8000\r\n');
  });

  it('when the leader sets a goal, then it is stored once with its baseline, listed and exported with progress, and can be removed', async () => {
    const post = (body: unknown) => request(app).post(`/api/v1/portals/${PORTAL}/portfolio/goals`).set('authorization', `Bearer ${key}`).send(body as object);
    const goal = { cohort: 'positive', segment: 'mid', horizonMonths: 6, target: { kind: 'count', changePercent: 100 } };

    const created = await post(goal);
    expect(created.status).toBe(201);
    expect(goalSchema.parse(created.body)).toMatchObject({ baseline: 1, targetValue: 2, current: 1, status: 'on_track', createdBy: expect.stringMatching(/^api_key:/) });
    expect((await post(goal)).status).toBe(409);

    const list = await get('goals');
    expect(list.body.goals).toHaveLength(1);
    const csv = await get('goals?format=csv');
    expect(csv.text.split('\r\n')[1]).toMatch(/^\d+,positive,mid,6,customers,100%,1,2,1,1,on_track,2026-11-01T00:00:00.000Z,2027-05-01T00:00:00.000Z,api_key:/);

    const removed = await request(app).delete(`/api/v1/portals/${PORTAL}/portfolio/goals/${created.body.id}`).set('authorization', `Bearer ${key}`);
    expect(removed.body).toEqual({ status: 'ok' });
    expect((await request(app).delete(`/api/v1/portals/${PORTAL}/portfolio/goals/${created.body.id}`).set('authorization', `Bearer ${key}`)).status).toBe(404);
  });

  it('when a goal\'s horizon or target is out of bounds, then the answer is a 400 naming the field and nothing is stored', async () => {
    const post = (body: unknown) => request(app).post(`/api/v1/portals/${PORTAL}/portfolio/goals`).set('authorization', `Bearer ${key}`).send(body as object);
    const horizon = await post({ cohort: 'neutral', segment: 'mid', horizonMonths: 5, target: { kind: 'nrr', nrr: 1.2 } });
    expect(horizon.status).toBe(400);
    expect(horizon.body.error.message).toContain('horizonMonths');
    const target = await post({ cohort: 'neutral', segment: 'mid', horizonMonths: 3, target: { kind: 'count', changePercent: -150 } });
    expect(target.status).toBe(400);
    expect(target.body.error.message).toContain('changePercent');
    expect((await get('goals')).body.goals).toEqual([]);
  });

  it('when the leader reads worklists and renewals, then current customers are listed per owner, and the CSV quotes a name with a comma', async () => {
    const json = await get('worklists');
    expect(portfolioWorklistsSchema.parse(json.body).owners).toMatchObject([{ ownerId: null, ownerName: null, customers: 1, top: [{ companyId: '1', name: 'Acme, Inc.', cohort: 'positive' }] }]);
    const csv = await get('worklists?format=csv');
    expect(csv.text.split('\r\n')[0]).toBe('owner_id,owner_name,rank,company_id,name,segment,cohort,priority,health_score,health_status,next_play,renewal_date,arr');
    expect(csv.text.split('\r\n')[1]).toMatch(/^,,1,1,"Acme, Inc.",mid,positive,/);

    const renewals = await get('renewals?days=30');
    expect(portfolioRenewalsSchema.parse(renewals.body)).toMatchObject({ withinDays: 30, total: 0, renewals: [] });
    expect((await get('worklists?cohort=churned')).status).toBe(400);
  });

  it('when the whole page\'s data is read at once, then every section is what its endpoint answers by default', async () => {
    const whole = await wholePortfolio(db, PORTAL, { asOf: NOW, config: defaultScoringConfig });
    const paths = { cohorts: 'cohorts', retention: 'retention', movement: 'movement', churnReview: 'churn-review', goals: 'goals', worklists: 'worklists', renewals: 'renewals', playEffectiveness: 'play-effectiveness' } as const;
    for (const [section, path] of Object.entries(paths)) {
      expect((await get(path)).body, section).toEqual(JSON.parse(JSON.stringify(whole[section as keyof typeof whole])));
    }
    expect(whole.retention.periods).toHaveLength(3);
  });
});
