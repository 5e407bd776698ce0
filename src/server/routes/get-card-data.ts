import { Router, type RequestHandler } from 'express';
import type { Db } from '../../store/db.ts';
import { loadCardData } from '../cards/load-card-data.ts';
import { trustedCardTarget } from '../cards/trusted-portal.ts';

export interface CardDataRouteDeps {
  db: Db;
  /** The install engineer's X-HubSpot-Signature-v3 check; it must reject before this route runs. */
  verifyHubSpotSignature: RequestHandler;
}

/** GET /api/cards/company?portalId&objectId: the company card's data, read from the store only. */
export const cardDataRouter = (deps: CardDataRouteDeps): Router => {
  const router = Router();
  router.get('/api/cards/company', deps.verifyHubSpotSignature, async (req, res) => {
    const { portalId, companyId } = await trustedCardTarget(deps.db, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await loadCardData(deps.db, portalId, companyId));
  });
  return router;
};
