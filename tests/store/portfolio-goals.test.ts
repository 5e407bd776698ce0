import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cohort } from '../../src/scoring/config.schema.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { portfolioGoalsRepository } from '../../src/store/portfolio-goals.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeBackends } from '../helpers/stores.ts';
import { healthyCard, NOW } from '../writeback/support.ts';

const PORTAL = 5151;
const ARR = 'annual_recurring_revenue';
const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY);
const card = (id: string, when: Date, cohort: Cohort, segment = 'small'): ScoreCard => ({ ...healthyCard(id, when), cohort, segment, churn: null });

describe.each(storeBackends())('cohort goals on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    const ids = ['1', '2', '3', '4', '5'];
    await crmRepository(db).upsertObjects(PORTAL, 'companies', ids.map((id) => ({ id, properties: { [ARR]: '1000' } })));
    // Four negative customers in small when the goal is set, a fifth elsewhere; two recover within 90 days.
    await scoresRepository(db).insertMany(PORTAL, [...['1', '2', '3', '4'].map((id) => card(id, at(-200), 'negative')), card('5', at(-200), 'negative', 'large')], null,
      new Map(ids.map((id) => [id, { arr: 10_000 }])));
    await scoresRepository(db).insertMany(PORTAL, ['1', '2'].map((id) => card(id, at(60), 'positive')), null, new Map([['1', { arr: 12_000 }], ['2', { arr: 14_000 }]]));
  });
  afterAll(async () => cleanup());

  it('when a goal to halve a cell is set and half its horizon passes, then baseline, target, current and expected-by-now are read back with on track', async () => {
    const goals = portfolioGoalsRepository(db);
    const set = await goals.create(PORTAL, { cohort: 'negative', segment: 'small', horizonMonths: 6, target: { kind: 'count', changePercent: -50 } }, { now: NOW, createdBy: 'api_key:wp_test', arrProperty: ARR });
    expect(set).toMatchObject({ created: { baseline: 4, targetValue: 2, current: 4, expectedByNow: 4, status: 'on_track', dueAt: '2027-05-01T00:00:00.000Z' } });

    const later = new Date((NOW.getTime() + Date.parse('2027-05-01T00:00:00Z')) / 2);
    const [goal] = await goals.list(PORTAL, { now: later, arrProperty: ARR });
    expect(goal).toMatchObject({ cohort: 'negative', segment: 'small', measure: 'customers', baseline: 4, targetValue: 2, current: 2, expectedByNow: 3, status: 'on_track', createdBy: 'api_key:wp_test' });
  });

  it('when an NRR goal is set, then its baseline is the cell\'s trailing NRR and the same goal set again is refused', async () => {
    const goals = portfolioGoalsRepository(db);
    const body = { cohort: 'negative', segment: 'small', horizonMonths: 3, target: { kind: 'nrr', nrr: 1.5 } } as const;
    const set = await goals.create(PORTAL, body, { now: at(90), createdBy: null, arrProperty: ARR });
    // The four started at 10,000 each; two grew to 12,000 and 14,000: 46,000 / 40,000.
    expect(set).toMatchObject({ created: { measure: 'nrr', baseline: 1.15, targetValue: 1.5, status: 'on_track' } });
    expect(await goals.create(PORTAL, body, { now: at(91), createdBy: null, arrProperty: ARR })).toEqual({ conflict: 'exists' });
  });

  it('when a goal is deleted, then it is gone, and deleting it again or another portal\'s says so', async () => {
    const goals = portfolioGoalsRepository(db);
    const [first] = await goals.list(PORTAL, { now: NOW, arrProperty: ARR });
    expect(await goals.remove(PORTAL + 1, first?.id ?? '')).toBe(false);
    expect(await goals.remove(PORTAL, first?.id ?? '')).toBe(true);
    expect(await goals.remove(PORTAL, first?.id ?? '')).toBe(false);
    expect((await goals.list(PORTAL, { now: NOW, arrProperty: ARR })).map((g) => g.measure)).toEqual(['nrr']);
  });
});
