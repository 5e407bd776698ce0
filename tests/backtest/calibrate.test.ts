import { describe, expect, it } from 'vitest';
import { calibrate, chooseThresholds, proposeBands, timeSplit, weightsFromCoefficients } from '../../src/backtest/calibrate.ts';
import { collectObservations } from '../../src/backtest/backtest.ts';
import { overlayConfig } from '../../src/scoring/config-overlay.ts';
import { parseScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail, meeting, ticket } from '../scoring/support/snapshot.ts';

const DAY = 86_400_000;

/**
 * A portal where the default weights are misled: the customers about to leave talk a lot (their CSM is chasing
 * them, they answer) and carry two urgent tickets opened 100 days before they go; those who stay are quiet and
 * trouble-free. Engagement (weighted 0.2) points the wrong way, support (0.12) the right one.
 */
const touchesEvery = (days: number, from: number, to: number) =>
  Array.from({ length: Math.floor((from - to) / days) + 1 }, (_, i) => from - i * days).flatMap((d) => [meeting(d), inboundEmail(d - 1)]);
const portal = Array.from({ length: 60 }, (_, i) => {
  const churns = i % 3 === 0;
  // Churners leave spread over the last 400 days, so older and newer cutoffs both see some.
  const leftDaysAgo = 20 + ((i * 7) % 380);
  return aSnapshot({
    company: { id: `c-${i}`, contractStartDate: daysAgo(500), createdAt: daysAgo(500), churnedAt: churns ? daysAgo(leftDaysAgo) : null },
    engagements: churns ? touchesEvery(6, 480, leftDaysAgo) : touchesEvery(45, 480, 30),
    tickets: churns ? [ticket('URGENT', leftDaysAgo + 100), ticket('HIGH', leftDaysAgo + 95)] : [],
  });
});

describe('calibration on the portal\'s own outcomes', () => {
  const result = calibrate(portal, defaultScoringConfig, NOW, 90);

  it('when a component the defaults underweight is the one that ranks churn, then the proposal weighs it more and the misleading one less', () => {
    if (!result.ok) throw new Error(result.reason);
    expect(result.proposed.weights.support).toBeGreaterThan(defaultScoringConfig.health.components.support.weight);
    expect(result.proposed.weights.engagement).toBeLessThan(defaultScoringConfig.health.components.engagement.weight);
  });

  it('when the proposal is judged on the newer cutoffs it never saw, then it ranks churn better than the current weights', () => {
    if (!result.ok) throw new Error(result.reason);
    expect(result.proposed.holdout.healthAuc!).toBeGreaterThan(result.current.holdout.healthAuc! + 0.05);
    expect(result.proposed.holdout.observations).toBe(result.current.holdout.observations);
  });

  it('when the split is made, then every training cutoff\'s horizon ends before the first held-out cutoff', () => {
    if (!result.ok) throw new Error(result.reason);
    const lastTraining = Date.parse(result.training.cutoffs.at(-1)!);
    expect(lastTraining + 90 * DAY).toBeLessThanOrEqual(Date.parse(result.holdout.cutoffs[0]!));
    expect(result.holdout.cutoffs.at(-1)).toBe('2026-08-01');
  });

  it('when the proposal is laid over the current config, then it parses, each weight 0-1 and their sum no more than the config\'s own', () => {
    if (!result.ok) throw new Error(result.reason);
    const parsed = parseScoringConfig(overlayConfig(defaultScoringConfig, result.partialConfig));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const weights = Object.values(parsed.value.health.components).map((c) => c.weight);
    const configSum = Object.values(defaultScoringConfig.health.components).reduce((sum, c) => sum + c.weight, 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(configSum + 0.005);
    expect(weights.every((w) => w >= 0 && w <= 1)).toBe(true);
    expect(Math.max(...weights)).toBeGreaterThan(0);
    expect(parsed.value.health.weightsBySegment.large).toEqual(result.proposed.weights);
  });

  it('when the portal has a single cutoff of history, then there is nothing to split and it says so', () => {
    const young = calibrate(portal.map((s) => ({ ...s, company: { ...s.company, contractStartDate: daysAgo(150), createdAt: daysAgo(150) } })), defaultScoringConfig, NOW, 90);
    expect(young).toEqual({ ok: false, reason: expect.stringMatching(/^too few cutoffs for a time split/) });
  });

  it('when nobody churned in the training cutoffs, then there is nothing to learn and it says so', () => {
    const loyal = calibrate(portal.map((s) => ({ ...s, company: { ...s.company, churnedAt: null } })), defaultScoringConfig, NOW, 90);
    expect(loyal).toEqual({ ok: false, reason: expect.stringMatching(/^the training cutoffs have no churn to learn from/) });
  });

  it('when the time split is read alone, then the newest third is held out and the cutoffs in the gap belong to neither side', () => {
    const { observations } = collectObservations(portal, defaultScoringConfig, NOW, 90);
    const side = timeSplit(observations, 90)!;
    const byCutoff = new Map(observations.map((o) => [new Date(o.cutoff).toISOString().slice(0, 7), side(o)]));
    expect([...byCutoff.entries()].sort()).toEqual([
      // 14 cutoffs from the first after the customers started (500 days ago): the newest 5 held out; training ends
      // 90 days before 1 April, so February and March, whose horizons reach into the holdout, are left out.
      ['2025-07', 'training'], ['2025-08', 'training'], ['2025-09', 'training'], ['2025-10', 'training'],
      ['2025-11', 'training'], ['2025-12', 'training'], ['2026-01', 'training'], ['2026-02', null], ['2026-03', null],
      ['2026-04', 'holdout'], ['2026-05', 'holdout'], ['2026-06', 'holdout'], ['2026-07', 'holdout'], ['2026-08', 'holdout'],
    ]);
  });
});

describe('coefficients to config weights', () => {
  it('when higher values of two components lower the odds of churn and one raises them, then the two share the config\'s sum by their effect and the third gets none', () => {
    const weights = weightsFromCoefficients([-3, -1, 2, 0, 0, 0, 0, 0, 0, 0], 1)!;
    expect(Object.values(weights)).toEqual([0.75, 0.25, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('when one component would take more than a weight of 1, then all shrink alike so it is 1', () => {
    const weights = weightsFromCoefficients([-9, -1, 0, 0, 0, 0, 0, 0, 0, 0], 1.5)!;
    expect([weights.usage, weights.cadence]).toEqual([1, 0.111]);
  });

  it('when no component lowers the odds, then there are no weights to propose', () => {
    expect(weightsFromCoefficients([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], 1)).toBeNull();
  });
});

describe('thresholds chosen on the training sample', () => {
  const seen = (health: number, churned: boolean) => ({ health, cap: 'green' as const, churned, segment: 'mid' });

  it('when 100 churners score 1 to 100, then green starts where the upper bound of the green churners\' share stays under 10%, not where the share seen does', () => {
    const churners = Array.from({ length: 100 }, (_, i) => seen(i + 1, true));
    const stayers = Array.from({ length: 100 }, (_, i) => seen(50 + (i % 50), false));
    // At green 96 five churners (96-100) are green: 5 in 100 has upper bound 0.0992 (metrics.test.ts); at 95 six
    // would be, bound 0.1119. The share seen alone would have allowed 91 (10 in 100).
    expect(chooseThresholds([...churners, ...stayers]).green).toBe(96);
  });

  it('when only ten churners score 20-60 and one 85, then even none green cannot bound the share, so green starts above the highest churner and red where it best separates churners', () => {
    const churners = [20, 25, 30, 35, 40, 45, 50, 55, 60, 85].map((h) => seen(h, true));
    const stayers = [50, 62, 65, 70, 75, 80, 85, 90, 95, 99].map((h) => seen(h, false));
    // No churner green among 10 still bounds the share at 0.213, so green is 86, just above the churner at 85. Red
    // below 61 catches 9 of 10 churners and 1 of 10 stayers (J = 0.8), better than below 86 (10/10 and 6/10: J = 0.4)
    // or below 50 (6/10 and none: J = 0.6).
    expect(chooseThresholds([...churners, ...stayers])).toEqual({ green: 86, yellow: 61 });
  });

  it('when a segment has enough churners and stayers, then it gets bands of its own, and one with few keeps the portal\'s', () => {
    // Large accounts score 30 points higher than mid ones for the same risk; 40 churners and 40 stayers in each.
    const spread = (base: number, segment: string) => [
      ...Array.from({ length: 40 }, (_, i) => ({ ...seen(base + (i % 20), true), segment })),
      ...Array.from({ length: 40 }, (_, i) => ({ ...seen(base + 20 + (i % 20), false), segment })),
    ];
    const few = [...Array.from({ length: 5 }, () => ({ ...seen(10, true), segment: 'small' })), ...Array.from({ length: 50 }, () => ({ ...seen(95, false), segment: 'small' }))];
    const bands = proposeBands([...spread(20, 'mid'), ...spread(50, 'large'), ...few], defaultScoringConfig);
    expect(bands.statusBySegment.mid!.green).toBeLessThan(bands.statusBySegment.large!.green);
    // 40 churners at 50-69 (two at each score): none green needs 70 (bound 0.063); two green at 69 would bound at 0.134.
    expect(bands.statusBySegment.large).toEqual({ green: 70, yellow: 70 });
    expect(bands.statusBySegment.small).toBeUndefined();
  });

  it('when a veto caps a churner at yellow, then it is not counted green whatever its score', () => {
    const sample = [seen(90, true), { ...seen(95, true), cap: 'yellow' as const }, ...[70, 80, 90, 95].map((h) => seen(h, false))];
    expect(chooseThresholds(sample).green).toBe(91);
  });
});
