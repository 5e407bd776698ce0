import { parseArgs } from 'node:util';
import { backtestHorizons, runBacktest, type BacktestHorizon } from '../backtest/backtest.ts';
import { backtestLines } from '../backtest/format.ts';
import { effectiveScoringConfig } from '../portal-scoring/score-portal.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { storeSnapshotSource } from '../sync/snapshot-source.ts';
import type { CliIo } from './io.ts';
import { openConfiguredStore } from './open-configured-store.ts';

export const backtestUsage = 'usage: npm run waypoint -- backtest --portal N [--horizon 90|180]   '
  + 'how well health at past monthly cutoffs predicted churn within the horizon (docs/backtest.md)';

/** `backtest`: rescoring the portal's synced history at past cutoffs, with the portal's current config. */
export const runBacktestCommand = async (args: string[], io: CliIo): Promise<number> => {
  let values: { portal?: string; horizon?: string };
  try {
    ({ values } = parseArgs({ args, options: { portal: { type: 'string' }, horizon: { type: 'string' } }, strict: true }));
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
    return 0;
  } finally {
    await db.close();
  }
};
