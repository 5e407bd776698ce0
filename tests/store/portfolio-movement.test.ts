import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cohort } from '../../src/scoring/config.schema.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import type { Movement } from '../../src/store/portfolio-movement.ts';
import { portfolioRepository } from '../../src/store/portfolio-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeBackends } from '../helpers/stores.ts';
import { healthyCard, NOW } from '../writeback/support.ts';

const PORTAL = 9191;
const OTHER_PORTAL = 9292;
const ARR = 'annual_recurring_revenue';
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const churn = { avoidable: true, expected: false, reason: 'went to a competitor' };
const card = (id: string, at: Date, cohort: Cohort, churned = false): ScoreCard => ({ ...healthyCard(id, at), cohort, segment: 'mid', churn: churned ? churn : null });

// A: neutral 100 days ago, negative 40 days ago, positive now. B: positive, churned 10 days ago. C: new 20 days ago.
// D: churned before either window (left out). E: deleted in HubSpot (left out).
const cards = [
  card('A', daysAgo(100), 'neutral'), card('B', daysAgo(100), 'positive'), card('D', daysAgo(100), 'negative', true), card('E', daysAgo(100), 'neutral'),
  card('A', daysAgo(40), 'negative'), card('C', daysAgo(20), 'neutral'), card('B', daysAgo(10), 'negative', true),
  card('A', daysAgo(0), 'positive'), card('D', daysAgo(0), 'negative', true), card('E', daysAgo(0), 'positive'),
];

describe.each(storeBackends())('cohort movement and trend on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let found: Movement;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await crmRepository(db).upsertObjects(PORTAL, 'companies', ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({ id, properties: { [ARR]: String((i + 1) * 1_000) } })));
    await db.query(`UPDATE crm_objects SET archived = true WHERE portal_id = $1 AND object_id = 'E'`, [PORTAL]);
    await scoresRepository(db).insertMany(PORTAL, cards, null);
    await crmRepository(db).upsertObjects(OTHER_PORTAL, 'companies', [{ id: 'A', properties: { [ARR]: '5' } }]);
    await scoresRepository(db).insertMany(OTHER_PORTAL, [card('A', daysAgo(100), 'dark'), card('A', daysAgo(0), 'dark')], null);
    found = await portfolioRepository(db).movement(PORTAL, { asOf: NOW, weeks: 3, arrProperty: ARR });
  });
  afterAll(async () => cleanup());

  it('when cohorts changed, then each window lists from → to with current ARR, new customers as new and churns as churned', () => {
    expect(found.windows).toEqual([
      { days: 30, since: daysAgo(30).toISOString(), transitions: [
        { from: 'negative', to: 'positive', customers: 1, arr: 1_000 },
        { from: 'new', to: 'neutral', customers: 1, arr: 3_000 },
        { from: 'positive', to: 'churned', customers: 1, arr: 2_000 },
      ] },
      { days: 90, since: daysAgo(90).toISOString(), transitions: [
        { from: 'neutral', to: 'positive', customers: 1, arr: 1_000 },
        { from: 'new', to: 'neutral', customers: 1, arr: 3_000 },
        { from: 'positive', to: 'churned', customers: 1, arr: 2_000 },
      ] },
    ]);
  });

  it('when a stock portal maps no ARR property, then a transition sums the ARR on each company\'s current card (read from the deals)', async () => {
    const stock = 9393;
    await crmRepository(db).upsertObjects(stock, 'companies', [{ id: 'X', properties: { name: 'Deal-priced' } }]);
    await scoresRepository(db).insertMany(stock, [card('X', daysAgo(100), 'neutral')], null, new Map([['X', { arr: 1_000 }]]));
    await scoresRepository(db).insertMany(stock, [card('X', daysAgo(0), 'positive')], null, new Map([['X', { arr: 8_000 }]]));
    const moved = await portfolioRepository(db).movement(stock, { asOf: NOW, weeks: 1, arrProperty: ARR });
    expect(moved.windows[0]?.transitions).toEqual([{ from: 'neutral', to: 'positive', customers: 1, arr: 8_000 }]);
  });

  it('when the trend is read, then each week counts current customers per cohort on their latest card then, zeros included', () => {
    const week = (days: number) => Object.fromEntries(found.trend.filter((p) => p.weekEnding === daysAgo(days).toISOString()).map((p) => [p.cohort, p.customers]));
    expect(found.trend).toHaveLength(3 * 5);
    expect(week(14)).toEqual({ bad_fit: 0, dark: 0, negative: 1, neutral: 1, positive: 1 });
    expect(week(7)).toEqual({ bad_fit: 0, dark: 0, negative: 1, neutral: 1, positive: 0 });
    expect(week(0)).toEqual({ bad_fit: 0, dark: 0, negative: 0, neutral: 1, positive: 1 });
  });
});
