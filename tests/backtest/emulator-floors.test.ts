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
// while green <= 10%; not reached (docs/backtest.md says why: the components that would have to rank churn point the
// other way on these portals, and health only adds components up).
const floors: Partial<Record<Size, { current: { auc: number; green: number }; calibrated: { auc: number; green: number } }>> = {
  // S: 3,908 held-out customer-cutoffs, 303 churned. Default 0.5873 / 32.67%; calibrated 0.7275 / 11.88% (16.5% shown
  // green), with the weights refined on the engine's blend and the onboarding stage's weights refined with them; the
  // regression alone gave 0.6890 / 11.22% (11.3% shown green) on the same scoring. Support takes most of the weight (0.928).
  S: { current: { auc: 0.587, green: 0.327 }, calibrated: { auc: 0.727, green: 0.119 } },
  // M (BACKTEST_FLOORS_SIZE=M, 31 minutes on the shared two-core machine, load about 20), 2 December with the refined
  // weights, on the scoring before renewals repeating the first-signed amount read flat and the vector's NPS window
  // (which moved S from 0.7242 / 10.23% to 0.7275 / 11.88%): 102,474 held-out customer-cutoffs, 7,597 churned.
  // Default 0.6332 / 27.21%; calibrated 0.7513 / 4.08% (7.6% shown green). Rerun to refresh after scoring changes.
  M: { current: { auc: 0.633, green: 0.273 }, calibrated: { auc: 0.751, green: 0.041 } },
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
