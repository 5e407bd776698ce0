import { Router, type RequestHandler } from 'express';
import type { InstallModule, InstallWiring } from '../install/install-module.ts';
import type { Logger } from '../shared/logger.ts';
import { requirePortalAdmin } from '../server/middleware/admin-auth.ts';
import { verifyHubSpotSignature } from '../server/middleware/verify-hubspot-signature.ts';
import { deletePortalDataRoute } from '../server/routes/delete-portal-data.ts';
import { getOAuthCallback } from '../server/routes/get-oauth-callback.ts';
import { getOAuthInstall } from '../server/routes/get-oauth-install.ts';

export type RequestAuth = {
  /** An admin of :portalId: the portal's API key or a HubSpot-signed request. */
  requirePortalAdmin: RequestHandler;
  /** HubSpot's X-HubSpot-Signature-v3 over the request (the card routes). */
  verifyHubSpotSignature: RequestHandler;
};

/** The request checks every route shares, built from the install module's signing secret and API keys. */
export const requestAuth = (install: Pick<InstallModule, 'signature' | 'apiKeys'>): RequestAuth => ({
  requirePortalAdmin: requirePortalAdmin({ ...install.signature, apiKeys: install.apiKeys }),
  verifyHubSpotSignature: verifyHubSpotSignature(install.signature),
});

/** /oauth/install, /oauth/callback and DELETE /api/v1/portals/:portalId/data. */
export const installRouter = (install: InstallModule, wiring: InstallWiring & { auth: RequestAuth; logger: Logger }): Router => {
  const router = Router();
  router.get('/oauth/install', getOAuthInstall({ oauthState: install.oauthState, oauth: install.oauth }));
  router.get('/oauth/callback', getOAuthCallback({ oauthState: install.oauthState, completeInstall: install.completeInstall(wiring), logger: wiring.logger }));
  router.delete('/api/v1/portals/:portalId/data', wiring.auth.requirePortalAdmin, deletePortalDataRoute({ deletePortalData: install.deletePortalData }));
  return router;
};
