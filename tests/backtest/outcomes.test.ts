import { describe, expect, it } from 'vitest';
import { outcomeHistory, outcomeRates, outcomesWithin, type Outcomes } from '../../src/backtest/outcomes.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { NOW, aSnapshot, daysAgo, deal } from '../scoring/support/snapshot.ts';

const DAY = 86_400_000;
// Every row is judged at a cutoff 200 days before NOW, over a 90-day horizon: days 200 (excluded) to 110 (included) ago.
const CUTOFF = NOW.getTime() - 200 * DAY;
const none: Outcomes = { churned: false, contracted: false, renewed: false, expanded: false };

// A stock portal's deals: HubSpot's two standard types, the kind read from the amount against the previous won deal.
const firstPurchase = deal('newbusiness', 500, true, 10_000);
const rows: Array<{ story: string; snapshot: Parameters<typeof aSnapshot>[0]; expected: Partial<Outcomes> }> = [
  { story: 'nothing happened after the cutoff', snapshot: { deals: [firstPurchase] }, expected: {} },
  { story: 'the churn date falls inside the horizon', snapshot: { company: { churnedAt: daysAgo(150) } }, expected: { churned: true } },
  { story: 'the churn date falls on the horizon\'s last day', snapshot: { company: { churnedAt: daysAgo(110) } }, expected: { churned: true } },
  { story: 'the churn date falls after the horizon', snapshot: { company: { churnedAt: daysAgo(100) } }, expected: {} },
  { story: 'an existing-business deal for the same amount is won inside the horizon', snapshot: { deals: [firstPurchase, deal('existingbusiness', 150, true, 10_000)] }, expected: { renewed: true } },
  { story: 'an existing-business deal for more is won inside the horizon', snapshot: { deals: [firstPurchase, deal('existingbusiness', 150, true, 14_000)] }, expected: { expanded: true } },
  { story: 'an existing-business deal for less is won inside the horizon', snapshot: { deals: [firstPurchase, deal('existingbusiness', 150, true, 6_000)] }, expected: { contracted: true } },
  { story: 'a renewal is won before the cutoff', snapshot: { deals: [firstPurchase, deal('existingbusiness', 250, true, 10_000)] }, expected: {} },
  { story: 'the renewal is lost, not won (on a stock portal, that is the churn)', snapshot: { deals: [firstPurchase, deal('existingbusiness', 150, false, 10_000)] }, expected: { churned: true } },
  { story: 'a rich portal types its deals', snapshot: { deals: [firstPurchase, deal('renewal', 190, true, 10_000), deal('expansion', 120, true, 3_000)] }, expected: { renewed: true, expanded: true } },
];

describe('outcome labels within the horizon after a cutoff', () => {
  it.each(rows)('when $story, then the labels say so', ({ snapshot, expected }) => {
    const history = outcomeHistory(aSnapshot(snapshot), defaultScoringConfig);
    expect(outcomesWithin(history, CUTOFF, 90)).toEqual({ ...none, ...expected });
  });

  it('when the horizon is 180 days, then a churn 150 days after the cutoff counts that a 90-day horizon misses', () => {
    const history = outcomeHistory(aSnapshot({ company: { churnedAt: daysAgo(50) } }), defaultScoringConfig);
    expect([outcomesWithin(history, CUTOFF, 90).churned, outcomesWithin(history, CUTOFF, 180).churned]).toEqual([false, true]);
  });

  it('when outcomes are counted, then each kind is its share of the customer-cutoffs and an empty sample has none', () => {
    const rates = outcomeRates([{ ...none, churned: true }, { ...none, renewed: true, expanded: true }, none, { ...none, renewed: true }]);
    expect(rates).toEqual({ churned: 0.25, contracted: 0, renewed: 0.5, expanded: 0.25 });
    expect(outcomeRates([])).toEqual({ churned: null, contracted: null, renewed: null, expanded: null });
  });
});
