import { Router, type RequestHandler } from 'express';
import { backfillRepository } from '../../store/backfill-repository.ts';
import { dataCoverageRepository } from '../../store/data-coverage-repository.ts';
import type { Db } from '../../store/db.ts';
import { scoreFailuresRepository } from '../../store/score-failures-repository.ts';
import { syncRepository } from '../../store/sync-repository.ts';

export interface GetSyncStatusDeps {
  db: Db;
  /** requirePortalAdmin from src/server/middleware/admin-auth.ts. */
  requireAdmin: RequestHandler;
}

/** GET /api/v1/portals/:portalId/sync-status: the running sync's progress (type, pages, records, requests, ETA) and recent runs. */
export const getSyncStatusRouter = (deps: GetSyncStatusDeps): Router => {
  const router = Router();
  router.get('/api/v1/portals/:portalId/sync-status', deps.requireAdmin, async (req, res) => {
    const portalId = Number(req.params.portalId);
    const store = syncRepository(deps.db);
    const runs = await store.recentRuns(portalId, 10);
    const checkpoints = await store.checkpoints(portalId);
    res.json({
      portalId,
      running: runs.find((run) => run.status === 'running') ?? null,
      lastSucceeded: runs.find((run) => run.status === 'succeeded') ?? null,
      interruptedFullSync: checkpoints.some((c) => c.stream === 'full'),
      recentRuns: runs,
      // Companies the last scoring run could not score, and why; their portal's other companies were scored.
      scoreFailures: await scoreFailuresRepository(deps.db).list(portalId, 20),
      // Which inputs the customers have, and which health components are missing, why and what would fill them.
      dataCoverage: await dataCoverageRepository(deps.db).latest(portalId),
      // History from day one: the backfill's points and how many companies have their cards, null until it starts.
      backfill: await backfillRepository(deps.db).get(portalId),
      watermarks: Object.fromEntries(checkpoints.filter((c) => c.stream.startsWith('incremental:')).map((c) => [c.stream.slice('incremental:'.length), c.cursor])),
    });
  });
  return router;
};
