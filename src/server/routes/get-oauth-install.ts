import type { RequestHandler } from 'express';
import type { OAuthClient } from '../../hubspot/oauth.ts';
import type { OAuthStateService } from '../../install/oauth-state.ts';
import { optionalScopes, requiredScopes } from '../../install/scopes.ts';

/** GET /oauth/install: sends the admin to HubSpot's consent page with a fresh single-use state. */
export const getOAuthInstall = (deps: { oauthState: OAuthStateService; oauth: Pick<OAuthClient, 'authorizeUrl'> }): RequestHandler =>
  async (_req, res) => {
    const state = await deps.oauthState.issue();
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, deps.oauth.authorizeUrl({ state, scopes: requiredScopes, optionalScopes }));
  };
