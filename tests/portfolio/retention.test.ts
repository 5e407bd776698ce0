import { describe, expect, it } from 'vitest';
import { retentionBy, retentionFigures, retentionReport, type RetentionCustomer } from '../../src/portfolio/retention.ts';

const customer = (over: Partial<RetentionCustomer> & Pick<RetentionCustomer, 'companyId'>): RetentionCustomer =>
  ({ startArr: 10_000, endArr: 10_000, churned: false, cohort: 'neutral', segment: 'small', ...over });

// Good fits: 100,000 at the start, +5,000 expansion (A, C), -5,000 contraction (B), no churn.
// One bad fit (E) churns its 10,000; one new customer (F) arrives with 50,000.
const book: RetentionCustomer[] = [
  customer({ companyId: 'A', startArr: 10_000, endArr: 12_000 }),
  customer({ companyId: 'B', startArr: 20_000, endArr: 15_000, cohort: 'positive' }),
  customer({ companyId: 'C', startArr: 30_000, endArr: 33_000, cohort: 'negative', segment: 'large' }),
  customer({ companyId: 'D', startArr: 40_000, endArr: 40_000, segment: 'large' }),
  customer({ companyId: 'E', startArr: 10_000, endArr: 0, churned: true, cohort: 'bad_fit' }),
  customer({ companyId: 'F', startArr: null, endArr: 50_000 }),
];

describe('retention over a trailing period', () => {
  it('when a bad fit churns, then the all-customer NRR drops but the good-fit NRR does not', () => {
    const report = retentionReport(book);
    expect(report.goodFit).toEqual({
      customers: 4, retainedCustomers: 4, startArr: 100_000, expansionArr: 5_000, contractionArr: 5_000, churnedArr: 0,
      grossRevenueRetention: 0.95, netRevenueRetention: 1, logoRetention: 1,
    });
    expect(report.all).toMatchObject({ customers: 5, retainedCustomers: 4, startArr: 110_000, churnedArr: 10_000, logoRetention: 0.8 });
    expect(report.all.grossRevenueRetention).toBeCloseTo(95_000 / 110_000, 10);
    expect(report.all.netRevenueRetention).toBeCloseTo(100_000 / 110_000, 10);
    expect(report.badFit).toMatchObject({ customers: 1, retainedCustomers: 0, startArr: 10_000, churnedArr: 10_000, netRevenueRetention: 0, logoRetention: 0 });
  });

  it('when a customer joins during the period, then its ARR is neither in the base nor counted as expansion', () => {
    const withoutNew = retentionFigures(book.filter((c) => c.companyId !== 'F'));
    expect(retentionFigures(book)).toEqual(withoutNew);
  });

  it('when a good fit churns, then its whole start ARR is churn and the good-fit figures fall with it', () => {
    const report = retentionReport(book.map((c) => (c.companyId === 'C' ? { ...c, churned: true, endArr: 33_000 } : c)));
    expect(report.goodFit).toMatchObject({
      startArr: 100_000, churnedArr: 30_000, expansionArr: 2_000, contractionArr: 5_000, retainedCustomers: 3,
      grossRevenueRetention: 0.65, netRevenueRetention: 0.67, logoRetention: 0.75,
    });
  });

  it('when a customer ends with no ARR though not marked churned, then it counts as churned, not contracted', () => {
    const figures = retentionFigures([customer({ companyId: 'Z', startArr: 8_000, endArr: 0 })]);
    expect(figures).toMatchObject({ churnedArr: 8_000, contractionArr: 0, retainedCustomers: 0, grossRevenueRetention: 0 });
  });

  it('when nobody was a customer with ARR at the start, then the rates are absent rather than 0% or 100%', () => {
    const figures = retentionFigures([customer({ companyId: 'N', startArr: null }), customer({ companyId: 'Z', startArr: 0 })]);
    expect(figures).toMatchObject({ customers: 0, startArr: 0, grossRevenueRetention: null, netRevenueRetention: null, logoRetention: null });
  });

  it('when grouped by segment, then each segment has its own base and the groups add up to the whole', () => {
    const bySegment = retentionBy(book, (c) => c.segment);
    expect([...bySegment.keys()]).toEqual(['small', 'large']);
    expect(bySegment.get('large')?.all).toMatchObject({ startArr: 70_000, expansionArr: 3_000, netRevenueRetention: 73_000 / 70_000 });
    expect(bySegment.get('small')?.all).toMatchObject({ startArr: 40_000, churnedArr: 10_000, expansionArr: 2_000, contractionArr: 5_000 });
    expect(bySegment.get('small')?.goodFit.netRevenueRetention).toBeCloseTo(27_000 / 30_000, 10);
  });
});
