import { describe, expect, it } from 'vitest';
import { churnOf } from '../../src/scoring/churn-signal.ts';
import { classifyDeals } from '../../src/scoring/deal-kinds.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import type { ScoringConfig } from '../../src/scoring/config.schema.ts';
import type { SnapshotDeal } from '../../src/scoring/snapshot.schema.ts';
import { aSnapshot, daysAgo } from './support/snapshot.ts';

// How a deal reads commercially (docs/scoring.md, deals): the kind and the "how" the card shows, and the contract
// value each later deal is judged against.
let sequence = 0;
const deal = (days: number | null, dealType: string | null, amount: number | null, won: boolean | null = true, pipeline: string | null = null): SnapshotDeal => ({
  id: `d-${String(++sequence).padStart(3, '0')}`, dealType, amount, closeDate: days === null ? null : daysAgo(days),
  isClosed: won !== null, isClosedWon: won === true, pipeline,
});
const kinds = (deals: SnapshotDeal[], config: ScoringConfig = defaultScoringConfig) =>
  classifyDeals(deals, config).map((d) => ({ kind: d.kind, how: d.how, before: d.contractBefore, after: d.contractAfter }));
const withDeals = (deals: Partial<ScoringConfig['deals']>): ScoringConfig => ({ ...defaultScoringConfig, deals: { ...defaultScoringConfig.deals, ...deals } });
const signedUp = () => deal(400, 'newbusiness', 40_000);

describe('deal kinds on a stock portal (contract value amounts)', () => {
  it('when existing business has no amount, then it reads as a renewal and leaves the contract as it was', () => {
    expect(kinds([signedUp(), deal(30, 'existingbusiness', null)])[1]).toEqual({ kind: 'renewal', how: 'existing business without an amount', before: 40_000, after: 40_000 });
  });

  it('when existing business is the first won deal on record, then it is a renewal and sets the contract', () => {
    expect(kinds([deal(30, 'existingbusiness', 25_000)])).toEqual([{ kind: 'renewal', how: 'existing business with no earlier won amount', before: null, after: 25_000 }]);
  });

  it('when the only earlier contract was worth nothing, then existing business cannot be judged against it and is a renewal', () => {
    expect(kinds([deal(400, 'newbusiness', 0), deal(30, 'existingbusiness', 10_000)])[1]).toMatchObject({ kind: 'renewal', how: 'existing business with no earlier won amount' });
  });

  it.each([
    [42_000, 'renewal'], [42_001, 'expansion'], [38_000, 'renewal'], [37_999, 'contraction'], [20_000, 'contraction'], [19_999, 'expansion'],
  ])('when existing business of %i follows a 40,000 contract, then it is a %s (flat within 5%, under half is an upsell)', (amount, kind) => {
    expect(kinds([signedUp(), deal(30, 'existingbusiness', amount)])[1]?.kind).toBe(kind);
  });

  it('when an upsell adds to the contract, then the next renewal is judged against the sum; a renewal replaces it', () => {
    expect(kinds([signedUp(), deal(200, 'existingbusiness', 8_000), deal(100, 'existingbusiness', 47_000), deal(30, 'existingbusiness', 47_000)])
      .map((d) => [d.kind, d.after])).toEqual([['new_business', 40_000], ['expansion', 48_000], ['renewal', 47_000], ['renewal', 47_000]]);
  });

  it('when a deal is lost or won without an amount, then the contract stays as it was', () => {
    expect(kinds([signedUp(), deal(100, 'existingbusiness', 90_000, false), deal(50, 'newbusiness', null)]).map((d) => d.after)).toEqual([40_000, 40_000, 40_000]);
  });

  it('when a won deal has a negative amount, then it is a contraction by that much, never below zero', () => {
    expect(kinds([signedUp(), deal(100, 'newbusiness', -5_000), deal(50, null, -90_000)])).toEqual([
      { kind: 'new_business', how: 'dealtype newbusiness', before: null, after: 40_000 },
      { kind: 'contraction', how: 'negative amount', before: 40_000, after: 35_000 },
      { kind: 'contraction', how: 'negative amount', before: 35_000, after: 0 },
    ]);
  });

  it('when a deal type is unknown or empty, then it is other, and the card says which', () => {
    expect(kinds([deal(50, 'partner_referral', 1_000), deal(40, null, 1_000), deal(30, '', 1_000)]).map((d) => [d.kind, d.how]))
      .toEqual([['other', 'dealtype partner_referral'], ['other', 'no deal type'], ['other', 'no deal type']]);
  });

  it('when a deal is typed as an expansion at under half the contract, then it adds to the contract; at a full value it replaces it', () => {
    expect(kinds([signedUp(), deal(100, 'expansion', 8_000)])[1]).toEqual({ kind: 'expansion', how: 'dealtype expansion', before: 40_000, after: 48_000 });
    expect(kinds([signedUp(), deal(100, 'expansion', 60_000)])[1]?.after).toBe(60_000);
  });

  it('when deals arrive in any order, then they are read by close date, same-day deals by id, undated ones last', () => {
    const first = deal(400, 'newbusiness', 40_000);
    const upsell = deal(100, 'existingbusiness', 8_000);
    const undated = deal(null, 'existingbusiness', 5_000);
    const renewal = deal(30, 'existingbusiness', 48_000);
    const sameDay = { ...deal(30, 'existingbusiness', 50_000), id: 'd-000' };
    expect(classifyDeals([undated, renewal, upsell, sameDay, first], defaultScoringConfig).map((d) => d.id))
      .toEqual([first.id, upsell.id, 'd-000', renewal.id, undated.id]);
  });
});

describe('deal kinds when the amount is the change (amountMeans: change)', () => {
  const change = withDeals({ amountMeans: 'change' });

  it('when existing business adds, cuts or keeps the amount, then it is an expansion, contraction or renewal and the contract moves by it', () => {
    expect(kinds([signedUp(), deal(200, 'existingbusiness', 5_000), deal(100, 'existingbusiness', -3_000), deal(30, 'existingbusiness', 0)], change)).toEqual([
      { kind: 'new_business', how: 'dealtype newbusiness', before: null, after: 40_000 },
      { kind: 'expansion', how: 'existing business changing the contract by 5,000', before: 40_000, after: 45_000 },
      { kind: 'contraction', how: 'negative amount', before: 45_000, after: 42_000 },
      { kind: 'renewal', how: 'existing business changing the contract by 0', before: 42_000, after: 42_000 },
    ]);
  });
});

describe('which lost deal is the customer\'s renewal (and so churn)', () => {
  const lost = (extra: SnapshotDeal, config: ScoringConfig = defaultScoringConfig) => churnOf(aSnapshot({ deals: [signedUp(), extra] }), config)?.source ?? null;

  it('when the lost deal is typed renewal or sits in the renewal pipeline, then it is the lost renewal whatever its amount', () => {
    expect(lost(deal(30, 'renewal', 1_000, false))).toBe('lost_renewal');
    expect(lost(deal(30, 'existingbusiness', 1_000, false, 'renewals'), withDeals({ pipelines: { renewal: ['renewals'], expansion: [], contraction: [] } }))).toBe('lost_renewal');
  });

  it('when the lost deal is a contraction or sits in the expansion pipeline, then it is not churn', () => {
    expect(lost(deal(30, 'contraction', 40_000, false))).toBeNull();
    expect(lost(deal(30, 'existingbusiness', 40_000, false, 'upsells'), withDeals({ pipelines: { renewal: [], expansion: ['upsells'], contraction: [] } }))).toBeNull();
  });

  it('when the lost existing business is exactly half the contract, then it is the renewal; just under half is a lost upsell', () => {
    expect(lost(deal(30, 'existingbusiness', 20_000, false))).toBe('lost_renewal');
    expect(lost(deal(30, 'existingbusiness', 19_999, false))).toBeNull();
  });

  it('when the lost existing business has no amount, then it is taken as the renewal', () => {
    expect(lost(deal(30, 'existingbusiness', null, false))).toBe('lost_renewal');
  });

  it('when an untyped deal is lost before any contract was won, or a deal of another type is lost, then nothing churned', () => {
    expect(churnOf(aSnapshot({ deals: [deal(30, null, 40_000, false)] }), defaultScoringConfig)).toBeNull();
    expect(lost(deal(30, 'partner_referral', 40_000, false))).toBeNull();
  });

  it('when existing business is lost with no contract won before it, then it is the renewal lost', () => {
    expect(churnOf(aSnapshot({ deals: [deal(30, 'existingbusiness', 40_000, false)] }), defaultScoringConfig)?.source).toBe('lost_renewal');
  });

  it('when a lost renewal has no close date, then it cannot date a churn', () => {
    expect(lost(deal(null, 'existingbusiness', 40_000, false))).toBeNull();
  });
});
