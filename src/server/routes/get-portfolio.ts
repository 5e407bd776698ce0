import { Router, type RequestHandler } from 'express';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import type { Db } from '../../store/db.ts';
import { portfolioRepository } from '../../store/portfolio-repository.ts';

export interface PortfolioRouteDeps {
  db: Db;
  /** requirePortalAdmin from src/server/middleware/admin-auth.ts: an API key or a HubSpot-signed request. */
  requireAdmin: RequestHandler;
}

/** GET /api/v1/portals/:portalId/portfolio/cohorts: current customers per segment × cohort (counts, ARR), churned apart. */
export const portfolioRouter = (deps: PortfolioRouteDeps): Router => {
  const router = Router();
  router.get('/api/v1/portals/:portalId/portfolio/cohorts', deps.requireAdmin, async (req, res) => {
    const portalId = Number(req.params.portalId);
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ portalId, arrProperty: config.properties.arr, ...(await portfolioRepository(deps.db).cohortsBySegment(portalId, config.properties.arr)) });
  });
  return router;
};
