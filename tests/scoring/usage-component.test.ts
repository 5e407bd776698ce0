import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { deriveFacts } from '../../src/scoring/facts.ts';
import { usageComponent } from '../../src/scoring/health/usage.ts';
import type { MilestoneSummary } from '../../src/scoring/milestones.ts';
import { NOW, aSnapshot } from './support/snapshot.ts';

const noMilestones: MilestoneSummary = { milestones: [], progress: 0, current: null, timeToFirstValueDays: null, justReached: null };

/** The usage reading for a customer with this depth (active users / seats), 90-day change and key features in use. */
const usage = (depth: number | null, usageChange: number | null, keyFeaturesUsed: number | null = null) => {
  const snapshot = aSnapshot({ company: { keyFeaturesUsed } });
  const facts = { ...deriveFacts(snapshot, defaultScoringConfig, NOW), depth, usageChange };
  return usageComponent({ snapshot, facts, config: defaultScoringConfig, milestones: noMilestones });
};

describe('usage component (defaults: depth 10% -> 0, 70% -> 100; trend -30% -> 0, +20% -> 100; trend 40%; breadth 20% of 8 features)', () => {
  it('when there is neither a seat count to judge depth nor a usage series, then usage is missing', () => {
    expect(usage(null, null)).toEqual({ value: null, detail: 'no usage data' });
  });

  it.each([
    [0.1, 0], [0.05, 0], [0.4, 50], [0.7, 100], [0.9, 100],
  ])('when only depth is known and %s of seats are active, then usage reads %s', (depth, value) => {
    expect(usage(depth, null).value).toBeCloseTo(value, 6);
  });

  it.each([
    [-0.3, 0], [-0.05, 50], [0.2, 100], [0.5, 100],
  ])('when only the trend is known and usage changed by %s, then usage reads %s', (change, value) => {
    expect(usage(null, change).value).toBeCloseTo(value, 6);
  });

  it('when both are known, then depth weighs 60% and the trend 40%', () => {
    expect(usage(0.7, -0.3).value).toBeCloseTo(60, 6);
    expect(usage(0.1, 0.2).value).toBeCloseTo(40, 6);
  });

  it('when key features are known, then breadth weighs 20%: all 8 in use lifts a half-read customer to 60', () => {
    expect(usage(0.4, null, 8).value).toBeCloseTo(0.8 * 50 + 0.2 * 100, 6);
    expect(usage(0.4, null, 0).value).toBeCloseTo(0.8 * 50, 6);
    expect(usage(0.4, null, 4).detail).toBe('40% of seats active, 4 of 8 key features used');
  });

  it.each([
    [0.04, 'usage flat over 90 days'], [-0.049, 'usage flat over 90 days'], [0.05, 'usage up 5% over 90 days'], [-0.25, 'usage down 25% over 90 days'],
  ])('when usage changed by %s, then the detail says "%s"', (change, detail) => {
    expect(usage(null, change).detail).toBe(detail);
  });

  it('when depth and trend are both known, then the detail gives both, depth first', () => {
    expect(usage(0.55, 0.12).detail).toBe('55% of seats active, usage up 12% over 90 days');
  });
});
