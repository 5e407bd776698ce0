import { parseArgs } from 'node:util';
import { backtestHorizons, runBacktest, type BacktestHorizon } from '../backtest/backtest.ts';
import { calibrate } from '../backtest/calibrate.ts';
import { calibrationLines } from '../backtest/calibration-format.ts';
import { backtestLines } from '../backtest/format.ts';
import { effectiveScoringConfig } from '../portal-scoring/score-portal.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { storeSnapshotSource } from '../sync/snapshot-source.ts';
import type { CliIo } from './io.ts';
import { openConfiguredStore } from './open-configured-store.ts';

export const backtestUsage = 'usage: npm run waypoint -- backtest --portal N [--horizon 90|180] [--calibrate [--write FILE]]   '
  + 'how well health at past monthly cutoffs predicted churn within the horizon; --calibrate proposes weights and '
  + 'thresholds fitted on older cutoffs and judged on newer ones, --write saves the proposal as a partial config FILE '
  + 'for `config diff` (docs/backtest.md)';

/** `backtest`: rescoring the portal's synced history at past cutoffs, with the portal's current config. */
export const runBacktestCommand = async (args: string[], io: CliIo): Promise<number> => {
  let values: { portal?: string; horizon?: string; calibrate?: boolean; write?: string };
  try {
    ({ values } = parseArgs({
      args, options: { portal: { type: 'string' }, horizon: { type: 'string' }, calibrate: { type: 'boolean' }, write: { type: 'string' } }, strict: true,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${backtestUsage}`);
    return 2;
  }
  const portalId = /^\d{1,15}$/.test(values.portal ?? '') ? Number(values.portal) : 0;
  if (portalId <= 0) {
    io.err(`--portal: expected a portal id (a positive whole number), got "${values.portal ?? ''}"\n${backtestUsage}`);
    return 2;
  }
  const horizon = Number(values.horizon ?? '90');
  if (!backtestHorizons.includes(horizon as BacktestHorizon)) {
    io.err(`--horizon: expected ${backtestHorizons.join(' or ')} days, got "${values.horizon ?? ''}"\n${backtestUsage}`);
    return 2;
  }
  if (values.write !== undefined && !values.calibrate) {
    io.err(`--write: only with --calibrate (it saves the calibration's proposal)\n${backtestUsage}`);
    return 2;
  }
  const db = await openConfiguredStore(io);
  if (db === null) return 1;
  try {
    const { config } = await effectiveScoringConfig(db, portalId);
    const snapshots: CompanySnapshot[] = [];
    for await (const snapshot of storeSnapshotSource(db).load(portalId, config)) snapshots.push(snapshot);
    if (snapshots.length === 0) {
      io.err(`portal ${portalId} has no synced customers to backtest`);
      return 1;
    }
    for (const line of backtestLines(runBacktest(snapshots, config, io.now(), horizon as BacktestHorizon))) io.out(line);
    if (!values.calibrate) return 0;
    const result = calibrate(snapshots, config, io.now(), horizon as BacktestHorizon);
    for (const line of calibrationLines(result)) io.out(line);
    if (values.write === undefined) return 0;
    if (!result.ok) {
      io.err(`--write: no proposal to write (${result.reason})`);
      return 1;
    }
    if (io.writeFile === undefined) {
      io.err('--write: this run cannot write files');
      return 1;
    }
    io.writeFile(values.write, `${JSON.stringify(result.partialConfig, null, 2)}\n`);
    io.out(`proposal written to ${values.write}: review it with npm run waypoint -- config diff --portal ${portalId} ${values.write}`);
    return 0;
  } finally {
    await db.close();
  }
};
