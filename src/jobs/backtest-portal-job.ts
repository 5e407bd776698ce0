import { backtestHorizons, backtestReport, observationSteps } from '../backtest/backtest.ts';
import type { StoredBacktest } from '../backtest/backtest.schema.ts';
import { calibrationOfRun } from '../backtest/calibrate.ts';
import { runStepsYielding } from '../backtest/steps.ts';
import { effectiveScoringConfig, type SnapshotSource } from '../portal-scoring/score-portal.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { Db } from '../store/db.ts';
import { backtestRepository } from '../store/backtest-repository.ts';

export interface BacktestJobDeps { db: Db; clock: Clock; snapshots: SnapshotSource }

/**
 * The 'backtest-portal' job: the portal's backtest and calibration proposal for each horizon, from its synced
 * history and current config, stored for the portfolio and settings pages. Minutes of scoring on a large portal, so
 * it hands the event loop back every few hundred scorings; killed, it is simply run again (it only overwrites).
 */
export const runBacktestJob = async (deps: BacktestJobDeps, input: { portalId: number; signal?: AbortSignal }): Promise<void> => {
  const { portalId, signal } = input;
  const { config, version } = await effectiveScoringConfig(deps.db, portalId);
  const snapshots: CompanySnapshot[] = [];
  for await (const snapshot of deps.snapshots.load(portalId, config)) snapshots.push(snapshot);
  const now = deps.clock.now();
  for (const horizonDays of backtestHorizons) {
    const run = await runStepsYielding(observationSteps(snapshots, config, now, horizonDays), signal);
    const calibration = await runStepsYielding(calibrationOfRun(run, config, horizonDays), signal);
    const entry: StoredBacktest = { computedAt: now.toISOString(), configVersion: version, report: backtestReport(run, horizonDays), calibration };
    await backtestRepository(deps.db).save(portalId, horizonDays, entry);
  }
};
