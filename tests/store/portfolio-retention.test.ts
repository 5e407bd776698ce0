import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionBy, retentionReport, type RetentionCustomer } from '../../src/portfolio/retention.ts';
import type { Cohort } from '../../src/scoring/config.schema.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { periodStart, type RetentionPeriod } from '../../src/store/portfolio-retention.ts';
import { portfolioRepository } from '../../src/store/portfolio-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeBackends } from '../helpers/stores.ts';
import { healthyCard, NOW } from '../writeback/support.ts';

const PORTAL = 8181;
const OTHER_PORTAL = 8282;
const ARR = 'annual_recurring_revenue';
const DAY = 86_400_000;
const START_3 = periodStart(NOW, 3);
const beforeStart = new Date(START_3.getTime() - 5 * DAY);
const duringPeriod = new Date(START_3.getTime() + 20 * DAY);
const churn = { avoidable: true, expected: false, reason: 'went to a competitor' };

type Stored = { id: string; at: Date; cohort: Cohort; segment: string; arr: number | null; churned?: boolean };
const card = (s: Stored): ScoreCard => ({ ...healthyCard(s.id, s.at), cohort: s.cohort, segment: s.segment, churn: s.churned ? churn : null });

// The hand-computed book of tests/portfolio/retention.test.ts, stored as cards: good fits A-D hold 100,000 at the
// start, expand by 5,000 (A +2,000, C +3,000) and contract by 5,000 (B); bad fit E churns its 10,000; F is new.
// G churned before the period (not in the base); H's start card predates stored ARR and reads its property (9,000).
const history: Stored[] = [
  { id: 'A', at: beforeStart, cohort: 'neutral', segment: 'small', arr: 10_000 },
  { id: 'B', at: beforeStart, cohort: 'positive', segment: 'small', arr: 20_000 },
  { id: 'C', at: beforeStart, cohort: 'negative', segment: 'large', arr: 30_000 },
  { id: 'D', at: beforeStart, cohort: 'neutral', segment: 'large', arr: 40_000 },
  { id: 'E', at: beforeStart, cohort: 'bad_fit', segment: 'small', arr: 10_000 },
  { id: 'G', at: beforeStart, cohort: 'negative', segment: 'small', arr: 5_000, churned: true },
  { id: 'H', at: beforeStart, cohort: 'positive', segment: 'large', arr: null },
  // Cohorts move during the period; retention keeps reading the start's.
  { id: 'A', at: duringPeriod, cohort: 'positive', segment: 'small', arr: 11_000 },
  { id: 'F', at: duringPeriod, cohort: 'neutral', segment: 'small', arr: 50_000 },
  { id: 'A', at: NOW, cohort: 'positive', segment: 'small', arr: 12_000 },
  { id: 'B', at: NOW, cohort: 'negative', segment: 'small', arr: 15_000 },
  { id: 'C', at: NOW, cohort: 'neutral', segment: 'large', arr: 33_000 },
  { id: 'D', at: NOW, cohort: 'neutral', segment: 'large', arr: 40_000 },
  { id: 'E', at: NOW, cohort: 'bad_fit', segment: 'small', arr: 10_000, churned: true },
  { id: 'F', at: NOW, cohort: 'neutral', segment: 'small', arr: 50_000 },
  { id: 'G', at: NOW, cohort: 'negative', segment: 'small', arr: 5_000, churned: true },
  { id: 'H', at: NOW, cohort: 'positive', segment: 'large', arr: null },
];

// The same book as the pure code reads it: what the SQL must agree with.
const book: RetentionCustomer[] = [
  { companyId: 'A', startArr: 10_000, endArr: 12_000, churned: false, cohort: 'neutral', segment: 'small' },
  { companyId: 'B', startArr: 20_000, endArr: 15_000, churned: false, cohort: 'positive', segment: 'small' },
  { companyId: 'C', startArr: 30_000, endArr: 33_000, churned: false, cohort: 'negative', segment: 'large' },
  { companyId: 'D', startArr: 40_000, endArr: 40_000, churned: false, cohort: 'neutral', segment: 'large' },
  { companyId: 'E', startArr: 10_000, endArr: 0, churned: true, cohort: 'bad_fit', segment: 'small' },
  { companyId: 'F', startArr: null, endArr: 50_000, churned: false, cohort: 'neutral', segment: 'small' },
  { companyId: 'H', startArr: 9_000, endArr: 9_000, churned: false, cohort: 'positive', segment: 'large' },
];

describe.each(storeBackends())('retention computed in the store on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let periods: RetentionPeriod[];
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    const ids = [...new Set(history.map((h) => h.id))];
    await crmRepository(db).upsertObjects(PORTAL, 'companies', ids.map((id) => ({ id, properties: { [ARR]: id === 'H' ? '9000' : '1' } })));
    await crmRepository(db).upsertObjects(OTHER_PORTAL, 'companies', [{ id: 'A', properties: { [ARR]: '99999' } }]);
    for (const at of [beforeStart, duringPeriod, NOW]) {
      const rows = history.filter((h) => h.at === at);
      await scoresRepository(db).insertMany(PORTAL, rows.map(card), null, new Map(rows.map((h) => [h.id, { arr: h.arr }])));
    }
    await scoresRepository(db).insertMany(OTHER_PORTAL, [card({ id: 'A', at: beforeStart, cohort: 'neutral', segment: 'small', arr: 99_999 })], null, new Map([['A', { arr: 99_999 }]]));
    periods = await portfolioRepository(db).retention(PORTAL, { asOf: NOW, months: [12, 3], arrProperty: ARR });
  });
  afterAll(async () => cleanup());

  it('when a bad fit churns over 3 months, then the SQL gives the hand-computed figures: all-customer NRR drops, good-fit NRR does not', () => {
    const three = periods[0];
    expect(three?.months).toBe(3);
    expect(three?.start).toBe(START_3.toISOString());
    expect(three?.total.goodFit).toEqual({
      customers: 5, retainedCustomers: 5, startArr: 109_000, expansionArr: 5_000, contractionArr: 5_000, churnedArr: 0,
      grossRevenueRetention: 104_000 / 109_000, netRevenueRetention: 1, logoRetention: 1,
    });
    expect(three?.total.badFit).toMatchObject({ customers: 1, startArr: 10_000, churnedArr: 10_000, netRevenueRetention: 0, logoRetention: 0 });
    expect(three?.total.all).toMatchObject({ customers: 6, retainedCustomers: 5, startArr: 119_000, churnedArr: 10_000 });
    expect(three?.total.all.netRevenueRetention).toBeCloseTo(109_000 / 119_000, 10);
  });

  it('when the same book is given to the pure retention code, then the store\'s totals, cohorts, segments and cells agree with it', () => {
    const three = periods[0] as RetentionPeriod;
    expect(three.total).toEqual(retentionReport(book));
    const byCohort = retentionBy(book.filter((c) => c.startArr !== null), (c) => c.cohort);
    expect(Object.fromEntries(three.byCohort.map(({ cohort, ...report }) => [cohort, report]))).toEqual(Object.fromEntries(byCohort));
    const bySegment = retentionBy(book.filter((c) => c.startArr !== null), (c) => c.segment);
    expect(Object.fromEntries(three.bySegment.map(({ segment, ...report }) => [segment, report]))).toEqual(Object.fromEntries(bySegment));
    const byCell = retentionBy(book.filter((c) => c.startArr !== null), (c) => `${c.cohort}/${c.segment}`);
    expect(Object.fromEntries(three.byCell.map(({ cohort, segment, ...report }) => [`${cohort}/${segment}`, report]))).toEqual(Object.fromEntries(byCell));
  });

  it('when nobody had a card 12 months ago, then that period\'s rates are absent, not 0% or 100%', () => {
    const twelve = periods[1];
    expect(twelve?.months).toBe(12);
    expect(twelve?.total.all).toMatchObject({ customers: 0, startArr: 0, netRevenueRetention: null, grossRevenueRetention: null, logoRetention: null });
    expect(twelve?.byCohort).toEqual([]);
    expect(twelve?.bySegment).toEqual([]);
    expect(twelve?.byCell).toEqual([]);
  });
});

describe('the start of a trailing period', () => {
  it('when the month before is shorter, then the period starts on its last day', () => {
    expect(periodStart(new Date('2026-05-31T10:00:00Z'), 3).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(periodStart(new Date('2026-11-01T00:00:00Z'), 12).toISOString()).toBe('2025-11-01T00:00:00.000Z');
  });
});
