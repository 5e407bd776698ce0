import { describe, expect, it } from 'vitest';
import {
  auc, backtestMetrics, calibrationTable, churnedWhileGreenShare, componentLift, precisionOfRed, wilsonUpper, type Observation,
} from '../../src/backtest/metrics.ts';

const point = (risk: number, churned: boolean) => ({ risk, churned });
const seen = (health: number, status: Observation['status'], churned: boolean, components: Observation['components'] = []): Observation =>
  ({ health, status, churned, components });

describe('backtest AUC', () => {
  it.each([
    ['churners carry all the risk', [point(10, false), point(20, false), point(80, true), point(90, true)], 1],
    ['churners carry none of it', [point(80, false), point(90, false), point(10, true), point(20, true)], 0],
    ['every customer has the same risk', [point(50, false), point(50, true), point(50, false)], 0.5],
    // Pairs (churned vs retained): 20 vs 10, 20 vs 20 (tie, half), 20 vs 40, 30 vs 10, 30 vs 20, 30 vs 40 = 3.5 / 6.
    ['one churner ties a retained customer', [point(10, false), point(20, true), point(20, false), point(30, true), point(40, false)], 3.5 / 6],
  ])('when %s, then the AUC is the hand-counted share of pairs ranked right', (_case, points, expected) => {
    expect(auc(points)).toBeCloseTo(expected, 10);
  });

  it('when nobody churned (or everybody did), then there is no AUC rather than a made-up one', () => {
    expect(auc([point(10, false), point(20, false)])).toBeNull();
    expect(auc([point(10, true)])).toBeNull();
    expect(auc([])).toBeNull();
  });

  it('when the same customers come in another order, then the AUC does not change', () => {
    const points = [point(10, false), point(20, true), point(20, false), point(30, true), point(40, false)];
    expect(auc([...points].reverse())).toBe(auc(points));
  });
});

describe('backtest status shares', () => {
  const observations = [
    seen(80, 'green', true), seen(75, 'green', false), seen(55, 'yellow', true),
    seen(30, 'red', true), seen(25, 'red', true), seen(20, 'red', false),
  ];

  it('when one of four churners was green at the cutoff, then churned-while-green is a quarter', () => {
    expect(churnedWhileGreenShare(observations)).toBe(0.25);
  });

  it('when two of three red customers churned, then precision of red is two thirds', () => {
    expect(precisionOfRed(observations)).toBeCloseTo(2 / 3, 10);
  });

  it('when nobody churned or nobody was red, then the share is absent, not zero', () => {
    expect(churnedWhileGreenShare([seen(80, 'green', false)])).toBeNull();
    expect(precisionOfRed([seen(80, 'green', true)])).toBeNull();
  });
});

describe('upper bound of a share seen on a sample', () => {
  // By hand, z = 1.645 (z^2 = 2.706025): for 0 in 10, (0 + 0.135301 + 1.645 * sqrt(2.706025 / 400)) / (1 + 0.270603)
  // = 0.270603 / 1.270603 = 0.212972; for 5 in 100, p = 0.05: (0.05 + 0.013530 + 1.645 * sqrt(0.000475 + 0.000068))
  // / 1.027060 = (0.063530 + 0.038320) / 1.027060 = 0.099167.
  it.each([
    ['no churner green among 10', 0, 10, 0.212972],
    ['one churner green among 10', 1, 10, 0.347745],
    ['no churner green among 30', 0, 30, 0.082738],
    ['one churner green among 30', 1, 30, 0.136418],
    ['five churners green among 100', 5, 100, 0.099167],
    ['thirty churners green among 450', 30, 450, 0.088716],
  ])('when %s are seen, then the share may plausibly reach the upper bound', (_label, k, n, expected) => {
    expect(wilsonUpper(k, n, 1.645)).toBeCloseTo(expected, 5);
  });

  it('when the sample is empty, then nothing is bounded and the bound is 1', () => {
    expect(wilsonUpper(0, 0, 1.645)).toBe(1);
  });
});

describe('backtest calibration table', () => {
  it('when twenty customers have risks 0 to 19 and the riskiest four churned, then the top two deciles churned and the rest did not', () => {
    const table = calibrationTable(Array.from({ length: 20 }, (_, risk) => point(risk, risk >= 16)));
    expect(table.map((row) => [row.decile, row.count, row.minRisk, row.maxRisk, row.churnRate])).toEqual([
      [1, 2, 0, 1, 0], [2, 2, 2, 3, 0], [3, 2, 4, 5, 0], [4, 2, 6, 7, 0], [5, 2, 8, 9, 0],
      [6, 2, 10, 11, 0], [7, 2, 12, 13, 0], [8, 2, 14, 15, 0], [9, 2, 16, 17, 1], [10, 2, 18, 19, 1],
    ]);
    expect(table[0]!.meanRisk).toBe(0.5);
  });

  it('when three customers tie on the lowest risk, then they share one group and the table skips the empty deciles', () => {
    const table = calibrationTable([point(10, false), point(30, true), point(10, true), point(20, false), point(10, false)]);
    expect(table.map((row) => [row.decile, row.count, row.churned])).toEqual([[1, 3, 1], [7, 1, 0], [9, 1, 1]]);
    expect(table[0]!.churnRate).toBeCloseTo(1 / 3, 10);
  });
});

describe('backtest component lift', () => {
  const part = (key: string, value: number | null, weight = 0.5) => ({ key, value, weight });

  it('when one component ranks churners perfectly and another inversely, then their AUCs alone are 1 and 0, and missing values are not counted', () => {
    const lift = componentLift([
      seen(70, 'green', false, [part('usage', 90), part('support', 10)]),
      seen(60, 'yellow', false, [part('usage', 80, 1), part('support', null, 0)]),
      seen(40, 'red', true, [part('usage', 20), part('support', 95)]),
    ]);
    expect(lift.map(({ key, auc, observed }) => ({ key, auc, observed }))).toEqual([
      { key: 'support', auc: 0, observed: 2 },
      { key: 'usage', auc: 1, observed: 3 },
    ]);
  });

  it('when dropping a component changes the blend\'s ranking, then the AUC lost without it is the hand-counted difference', () => {
    // Blends (equal weights): retained 50 and 45, churned 57.5: AUC 0. Without support: 90, 10 vs 20: AUC 0.5.
    // Without usage: 10, 80 vs 95: AUC 0. So support costs 0.5 (lost = -0.5) and usage nothing.
    const lift = componentLift([
      seen(50, 'yellow', false, [part('usage', 90), part('support', 10)]),
      seen(45, 'yellow', false, [part('usage', 10), part('support', 80)]),
      seen(57, 'yellow', true, [part('usage', 20), part('support', 95)]),
    ]);
    expect(lift.map(({ key, aucLostWithout }) => [key, aucLostWithout])).toEqual([['support', -0.5], ['usage', 0]]);
  });
});

describe('backtest metrics together', () => {
  it('when health ranks the churners first, then the report carries an AUC of 1 with counts of what it judged', () => {
    const metrics = backtestMetrics([seen(90, 'green', false), seen(70, 'green', false), seen(30, 'red', true)]);
    expect(metrics).toMatchObject({ observations: 3, churned: 1, healthAuc: 1, churnedWhileGreen: 0, precisionOfRed: 1 });
    expect(metrics.calibration.map((row) => row.churned)).toEqual([0, 0, 1]);
  });
});
