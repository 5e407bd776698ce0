import { Router, type RequestHandler, type Response } from 'express';
import { createApiKey, describeApiKey, revokeApiKeyByPrefix } from '../../install/api-key-admin.ts';
import type { Clock } from '../../shared/clock.ts';
import type { ApiKeysRepository } from '../../store/api-keys-repository.ts';
import { requireHubSpotSigned, type PortalAdmin } from '../middleware/admin-auth.ts';

export interface ApiKeysRouteDeps {
  apiKeys: ApiKeysRepository;
  clock: Clock;
  requirePortalAdmin: RequestHandler;
}

const base = '/api/v1/portals/:portalId/api-keys';
const portalOf = (res: Response): number => (res.locals.admin as PortalAdmin).portalId;

/**
 * The settings page's key management, HubSpot-signed requests only: POST mints (the key is in this one answer and
 * nowhere else), GET lists by prefix with last use, DELETE .../:prefix revokes at once.
 */
export const apiKeysRouter = (deps: ApiKeysRouteDeps): Router => {
  const router = Router();
  const guard = [deps.requirePortalAdmin, requireHubSpotSigned];
  router.get(base, ...guard, async (_req, res) => {
    const keys = await deps.apiKeys.listForPortal(portalOf(res));
    res.json({ keys: keys.map(describeApiKey) });
  });
  router.post(base, ...guard, async (req, res) => {
    const minted = await createApiKey(deps, portalOf(res), (req.body as { name?: unknown } | undefined)?.name);
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json({ key: minted.key, apiKey: describeApiKey(minted.record) });
  });
  router.delete(`${base}/:prefix`, ...guard, async (req, res) => {
    const revoked = await revokeApiKeyByPrefix(deps, portalOf(res), req.params.prefix);
    res.json({ apiKey: describeApiKey(revoked) });
  });
  return router;
};
