import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { portfolioRepository } from '../../src/store/portfolio-repository.ts';
import { scoresRepository, type CardFacts } from '../../src/store/scores-repository.ts';
import { storeBackends } from '../helpers/stores.ts';
import { healthyCard, NOW } from '../writeback/support.ts';

const PORTAL = 6161;
const ARR = 'annual_recurring_revenue';
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
type Churn = NonNullable<ScoreCard['churn']>;
const card = (id: string, at: Date, churn: Churn | null, fit: 'good' | 'bad' = 'good'): ScoreCard => {
  const base = healthyCard(id, at);
  return { ...base, segment: 'mid', cohort: fit === 'bad' ? 'bad_fit' : 'neutral', fit: { ...base.fit, value: fit }, churn };
};
const lostToCompetitor: Churn = { avoidable: true, expected: false, reason: 'churned (competitor): avoidable, not flagged beforehand' };
const badFitLeft: Churn = { avoidable: false, expected: true, reason: 'churned (bad_fit): unavoidable, expected of a bad fit' };

describe.each(storeBackends())('the churn review on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const store = (at: Date, cards: ScoreCard[], facts: Array<[string, CardFacts]>) => scoresRepository(db).insertMany(PORTAL, cards, null, new Map(facts));
  const review = (months: 3 | 12, limit = 200) =>
    portfolioRepository(db).churnReview(PORTAL, { asOf: NOW, months, limit, nameProperty: 'name', arrProperty: ARR });

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await crmRepository(db).upsertObjects(PORTAL, 'companies', ['1', '2', '3', '4', '5', '6'].map((id) => ({ id, properties: { name: `Company ${id}`, [ARR]: '0' } })));
    await db.query(`UPDATE crm_objects SET archived = true WHERE portal_id = $1 AND object_id = '6'`, [PORTAL]);
    const longAgo = daysAgo(300);
    await store(longAgo, ['1', '3', '4', '5', '6'].map((id) => card(id, longAgo, null)).concat(card('2', longAgo, null, 'bad')),
      [['1', { arr: 30_000 }], ['2', { arr: 4_000 }], ['3', { arr: 7_000 }], ['4', { arr: 5_000 }], ['5', { arr: 9_000 }], ['6', { arr: 1_000 }]]);
    // 3 churned 200 days ago: in the 12-month review only.
    await store(daysAgo(199), [card('3', daysAgo(199), lostToCompetitor)], [['3', { arr: 0, churnedAt: daysAgo(200).toISOString(), churnReason: 'competitor' }]]);
    // 4's churn card predates the stored churn date: dated by the first card that carried it.
    await store(daysAgo(10), [card('4', daysAgo(10), lostToCompetitor)], [['4', { arr: null }]]);
    await store(NOW, [card('1', NOW, lostToCompetitor), card('2', NOW, badFitLeft, 'bad'), card('4', NOW, lostToCompetitor), card('6', NOW, lostToCompetitor)], [
      ['1', { arr: 0, churnedAt: daysAgo(20).toISOString(), churnReason: 'competitor' }],
      ['2', { arr: 0, churnedAt: daysAgo(40).toISOString(), churnReason: 'bad_fit' }],
      ['4', { arr: null }],
      ['6', { arr: 0, churnedAt: daysAgo(5).toISOString(), churnReason: 'competitor' }],
    ]);
  });
  afterAll(async () => cleanup());

  it('when customers churned in the last 3 months, then they are listed newest first with the ARR they had, and the bad fit\'s churn is expected and unavoidable', async () => {
    const found = await review(3);
    expect(found.customers).toEqual([
      { companyId: '4', name: 'Company 4', segment: 'mid', fit: 'good', churnedAt: daysAgo(10).toISOString(), reasonCode: null, quadrant: 'avoidable_unexpected', avoidable: true, expected: false, reason: lostToCompetitor.reason, arr: 5_000 },
      { companyId: '1', name: 'Company 1', segment: 'mid', fit: 'good', churnedAt: daysAgo(20).toISOString(), reasonCode: 'competitor', quadrant: 'avoidable_unexpected', avoidable: true, expected: false, reason: lostToCompetitor.reason, arr: 30_000 },
      { companyId: '2', name: 'Company 2', segment: 'mid', fit: 'bad', churnedAt: daysAgo(40).toISOString(), reasonCode: 'bad_fit', quadrant: 'unavoidable_expected', avoidable: false, expected: true, reason: badFitLeft.reason, arr: 4_000 },
    ]);
    expect(found.quadrants).toEqual([
      { quadrant: 'avoidable_expected', avoidable: true, expected: true, customers: 0, arr: 0 },
      { quadrant: 'avoidable_unexpected', avoidable: true, expected: false, customers: 2, arr: 35_000 },
      { quadrant: 'unavoidable_expected', avoidable: false, expected: true, customers: 1, arr: 4_000 },
      { quadrant: 'unavoidable_unexpected', avoidable: false, expected: false, customers: 0, arr: 0 },
    ]);
  });

  it('when the review covers 12 months and lists one customer only, then the quadrants still count every churn of the period', async () => {
    const found = await review(12, 1);
    expect(found.customers.map((c) => c.companyId)).toEqual(['4']);
    expect(found.quadrants.find((q) => q.quadrant === 'avoidable_unexpected')).toMatchObject({ customers: 3, arr: 42_000 });
  });
});
