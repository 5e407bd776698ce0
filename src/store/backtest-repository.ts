import { storedBacktestSchema, type StoredBacktest } from '../backtest/backtest.schema.ts';
import type { BacktestHorizon } from '../backtest/backtest.ts';
import type { Queryable } from './db.ts';

export const backtestRepository = (db: Queryable) => ({
  async save(portalId: number, horizonDays: BacktestHorizon, entry: StoredBacktest): Promise<void> {
    await db.query(
      `INSERT INTO backtest_reports (portal_id, horizon_days, computed_at, config_version, report) VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (portal_id, horizon_days) DO UPDATE
       SET computed_at = EXCLUDED.computed_at, config_version = EXCLUDED.config_version, report = EXCLUDED.report`,
      [portalId, horizonDays, entry.computedAt, entry.configVersion, JSON.stringify(entry)],
    );
  },

  /** The portal's latest backtest for the horizon, or null before the first one. */
  async latest(portalId: number, horizonDays: BacktestHorizon): Promise<StoredBacktest | null> {
    const rows = await db.query<{ report: unknown }>('SELECT report FROM backtest_reports WHERE portal_id = $1 AND horizon_days = $2', [portalId, horizonDays]);
    return rows[0] ? storedBacktestSchema.parse(rows[0].report) : null;
  },
});
