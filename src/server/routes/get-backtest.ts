import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { BacktestResponse } from '../../backtest/backtest.schema.ts';
import { backtestHorizons, type BacktestHorizon } from '../../backtest/backtest.ts';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { backtestRepository } from '../../store/backtest-repository.ts';

export interface BacktestRouteDeps {
  db: Db;
  clock: Clock;
  /** requirePortalAdmin from src/server/middleware/admin-auth.ts: an API key or a HubSpot-signed request. */
  requireAdmin: RequestHandler;
  /** Queues the backtest-portal job (the queue keeps one pending per portal, so asking twice queues once). */
  enqueueBacktest(portalId: number): Promise<unknown>;
}

const base = '/api/v1/portals/:portalId/backtest';
/** Outcomes move by the month; a day-old backtest still says the same, and recomputing is minutes of scoring. */
export const BACKTEST_FRESH_MS = 24 * 3_600_000;

export const backtestQuerySchema = z.object({
  horizon: z.enum(backtestHorizons.map(String) as ['90', '180']).default('180').describe('days after each cutoff in which churn counts: 90 or 180'),
});

/**
 * The portal's stored backtest for the horizon as the API answers it. A missing, day-old or other-config one queues a
 * fresh computation; the stored one is answered meanwhile (refreshing: true), or `computing` while there is none.
 * The endpoint and the sandbox's portfolio page both read it here, so they show the same report.
 */
export const readBacktest = async (
  deps: Pick<BacktestRouteDeps, 'db' | 'clock' | 'enqueueBacktest'>, portalId: number, horizonDays: BacktestHorizon,
): Promise<BacktestResponse> => {
  const [stored, { version }] = await Promise.all([backtestRepository(deps.db).latest(portalId, horizonDays), effectiveScoringConfig(deps.db, portalId)]);
  const stale = stored === null || stored.configVersion !== version || deps.clock.now().getTime() - Date.parse(stored.computedAt) > BACKTEST_FRESH_MS;
  if (stale) await deps.enqueueBacktest(portalId);
  return stored === null ? { status: 'computing', portalId, horizonDays } : { status: 'ready', portalId, refreshing: stale, ...stored };
};

/** GET /api/v1/portals/:portalId/backtest?horizon=90|180: 200 with the stored report, 202 while the first is computed. */
export const backtestRouter = (deps: BacktestRouteDeps): Router => {
  const router = Router();
  router.get(base, deps.requireAdmin, async (req, res) => {
    const query = backtestQuerySchema.safeParse(req.query);
    if (!query.success) throw new AppError('VALIDATION_FAILED', `query: ${z.prettifyError(query.error)}`, { details: { issues: query.error.issues } });
    const body = await readBacktest(deps, Number(req.params.portalId), Number(query.data.horizon) as BacktestHorizon);
    res.setHeader('Cache-Control', 'no-store');
    res.status(body.status === 'computing' ? 202 : 200).json(body);
  });
  return router;
};
