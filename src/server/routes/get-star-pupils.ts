import { Router, type RequestHandler } from 'express';
import type { Db } from '../../store/db.ts';
import { starPupilsRepository } from '../../store/star-pupils-repository.ts';

export interface StarPupilsRouteDeps {
  db: Db;
  /** requirePortalAdmin from src/server/middleware/admin-auth.ts: an API key or a HubSpot-signed request. */
  requireAdmin: RequestHandler;
}

/** GET /api/v1/portals/:portalId/star-pupils: the portal's star-pupil profile per segment, null before its first whole-portal scoring run. */
export const starPupilsRouter = (deps: StarPupilsRouteDeps): Router => {
  const router = Router();
  router.get('/api/v1/portals/:portalId/star-pupils', deps.requireAdmin, async (req, res) => {
    const portalId = Number(req.params.portalId);
    res.json({ portalId, profile: await starPupilsRepository(deps.db).latest(portalId) });
  });
  return router;
};
