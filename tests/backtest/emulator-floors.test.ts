import { describe, expect, it } from 'vitest';
import { generatePortal, type Size } from '../../emulator/generator/index.ts';
import { collectObservations, poolRuns } from '../../src/backtest/backtest.ts';
import { calibrateOn, figures, type Figures } from '../../src/backtest/calibrate.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { snapshotFromPortal } from '../scoring/support/emulator-snapshots.ts';

// The emulator draws churn from each customer's hidden trajectory with noise (docs/emulator-archetypes.md), never
// from Waypoint's rules, so these figures say how well the method sees churn coming, not how well it copies itself.
// Size S by default, so the run stays a few minutes on a loaded two-core machine; BACKTEST_FLOORS_SIZE=M runs the
// issue's M portals (each about 25 times the work: tens of minutes there) against the M floors.
const size: Size = process.env.BACKTEST_FLOORS_SIZE === 'M' ? 'M' : 'S';
const fitSeeds = [1, 2, 3];
const judgeSeeds = [4, 5];
const HORIZON = 180;

// Measured on 2 December 2026 with the default config (health AUC truncated to 0.001, shares rounded up to 0.1%); a
// lower AUC or a higher churned-while-green share is a regression. Goal after calibration: AUC >= 0.80 and churned
// while green <= 10%. The generator's own hidden churn chance ranks these samples at S 0.729, M 0.764
// (emulator-ceiling.test.ts); the signs-of-decline component (usage of the last 30 days against the 60 before, a
// contraction, tickets opened in 90 days) reads how the records move as a churn nears, so the score passes it.
const floors: Partial<Record<Size, { current: { auc: number; green: number }; calibrated: { auc: number; green: number } }>> = {
  // S: 3,908 held-out customer-cutoffs, 303 churned. Default 0.6052 / 32.01% (31.8% shown green); calibrated 0.7896 /
  // 5.94% (11.9% shown green), support 0.748 and decline 0.418 taking most of the weight. With sentiment reading 180
  // days: default 0.6110, calibrated 0.7838 / 6.60%. Before the decline component: default 0.5873 / 32.67%,
  // calibrated 0.7275 / 7.59% (10.6% shown green), support 0.928.
  S: { current: { auc: 0.605, green: 0.321 }, calibrated: { auc: 0.789, green: 0.060 } },
  // M (BACKTEST_FLOORS_SIZE=M, 728 seconds on the two-core machine at load 9-11): 102,474 held-out customer-cutoffs,
  // 7,599 churned. Default 0.6508 / 26.60% (29.9% shown green); calibrated 0.8070 / 8.97% (23.5% shown green),
  // support 0.582 and decline 0.571. With sentiment reading 180 days: default 0.6470 / 27.37%, calibrated 0.7999 /
  // 6.36% (17.1% shown green). Before the decline component: default 0.6328 / 27.29%, calibrated 0.7519 / 5.66%
  // (10.2% shown green), support 0.974.
  M: { current: { auc: 0.650, green: 0.267 }, calibrated: { auc: 0.807, green: 0.090 } },
};

const runOf = (seed: number) => {
  const portal = generatePortal({ size, seed, profile: 'stock' });
  const snapshots = portal.companies.map((_, index) => snapshotFromPortal(portal, index, defaultScoringConfig));
  return collectObservations(snapshots, defaultScoringConfig, new Date(portal.now), HORIZON);
};

const line = (label: string, f: Figures) =>
  `${label}: health AUC ${f.healthAuc?.toFixed(4)}, churned while green ${((f.churnedWhileGreen ?? 0) * 100).toFixed(2)}%, `
  + `precision of red ${((f.precisionOfRed ?? 0) * 100).toFixed(1)}%, shown green ${((f.greenShare ?? 0) * 100).toFixed(1)}% `
  + `(${f.observations} customer-cutoffs, ${f.churned} churned)`;

describe(`backtest floors on the emulator's noisy stock portals (size ${size}, fitted on seeds ${fitSeeds.join(', ')}, judged on seeds ${judgeSeeds.join(', ')})`, () => {
  it('when health is judged against churn within 180 days on held-out seeds, then default and calibrated weights stay at their measured floors', () => {
    const fitRuns = fitSeeds.map(runOf);
    const judgeRuns = judgeSeeds.map(runOf);
    const pooled = poolRuns([...fitRuns, ...judgeRuns]);
    const trainingCount = fitRuns.reduce((sum, run) => sum + run.observations.length, 0);
    const training = pooled.observations.slice(0, trainingCount);
    const holdout = pooled.observations.slice(trainingCount);
    const result = calibrateOn(training, holdout, pooled.customers, defaultScoringConfig, HORIZON);
    const current = figures(holdout);
    console.log([
      `backtest floors, stock size ${size}, churn within ${HORIZON} days, judged on seeds ${judgeSeeds.join(', ')}`,
      line('default weights   ', current),
      ...(result.ok ? [
        line('calibrated weights', result.proposed.holdout),
        `calibrated: ${Object.entries(result.proposed.weights).map(([key, w]) => `${key} ${w}`).join(', ')}; `
          + `green ${result.proposed.status.green}, yellow ${result.proposed.status.yellow}`,
      ] : [`no calibration: ${result.reason}`]),
    ].join('\n'));

    if (!result.ok) throw new Error(result.reason);
    expect(holdout.filter((o) => o.churned).length).toBeGreaterThan(size === 'M' ? 1000 : 50);
    const floor = floors[size];
    if (floor === undefined) throw new Error(`no floors measured for size ${size} yet: add the figures printed above`);
    expect(current.healthAuc!).toBeGreaterThanOrEqual(floor.current.auc);
    expect(current.churnedWhileGreen!).toBeLessThanOrEqual(floor.current.green);
    expect(result.proposed.holdout.healthAuc!).toBeGreaterThanOrEqual(floor.calibrated.auc);
    expect(result.proposed.holdout.churnedWhileGreen!).toBeLessThanOrEqual(floor.calibrated.green);
  }, 3_600_000);
});
