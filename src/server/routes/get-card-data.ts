import { Router, type RequestHandler } from 'express';
import type { Db } from '../../store/db.ts';
import type { CardCache } from '../cards/card-cache.ts';
import { loadCardData } from '../cards/load-card-data.ts';
import { cardTargetFromQuery } from '../cards/trusted-portal.ts';

export interface CardDataRouteDeps {
  db: Db;
  /** Shared with the card actions, which drop a company's entry after rescoring it. */
  cardCache: CardCache;
  /** The install engineer's X-HubSpot-Signature-v3 check; it must reject before this route runs. */
  verifyHubSpotSignature: RequestHandler;
}

/** GET /api/cards/company?portalId&objectId: the company card's data, read from the store only. */
export const cardDataRouter = (deps: CardDataRouteDeps): Router => {
  const router = Router();
  router.get('/api/cards/company', deps.verifyHubSpotSignature, async (req, res) => {
    const { portalId, companyId } = cardTargetFromQuery(req);
    // The installation check is part of loadCardData's one statement: a first view is one round trip.
    const body = await deps.cardCache.get(portalId, companyId, async () => JSON.stringify(await loadCardData(deps.db, portalId, companyId)));
    // Sent with end, not send: send would hash the body for an ETag and answer a conditional request with an empty
    // 304, but this body is never to be stored, so a caller that revalidates must still get the card itself.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  });
  return router;
};
