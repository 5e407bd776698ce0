import type { HubSpotClient } from '../hubspot/client.ts';
import { createOAuthClient } from '../hubspot/oauth.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { apiKeysRepository } from '../store/api-keys-repository.ts';
import type { Db } from '../store/db.ts';
import { installationsRepository } from '../store/installations-repository.ts';
import { oauthStatesRepository } from '../store/oauth-states-repository.ts';
import { completeInstall, installFromGrant } from './complete-install.ts';
import { createOAuthStateService } from './oauth-state.ts';
import { provisionActivePortals, provisionWaypointProperties } from './provisioning.ts';
import { createTokenCipher } from './token-crypto.ts';
import { createInstallationTokenProvider } from './token-provider.ts';
import { deletePortalData, handleAppLifecycleEvent, markUninstalled } from './uninstall.ts';

export interface InstallSettings {
  clientId: string;
  clientSecret: string;
  /** HUBSPOT_API_BASE_URL (token endpoints) and HUBSPOT_AUTH_BASE_URL (consent page); both the emulator's in sandbox. */
  apiBaseUrl: string;
  authBaseUrl: string;
  /** PUBLIC_BASE_URL: the redirect URI and the URL HubSpot signs are built from it. */
  publicBaseUrl: string;
  encryptionKey: string;
  encryptionKeyId: string;
  previousKeys?: string;
}

export type InstallWiring = { hubspot: HubSpotClient; enqueueFullSync(portalId: number): Promise<unknown> };

/**
 * Builds the installation lifecycle in two steps, because the HubSpot client needs the token provider and install
 * provisioning needs the client: create the module, build the client from module.tokenProvider, then wire the
 * install steps to it. The routes that expose all this are built by src/composition, like every route.
 */
export const createInstallModule = (settings: InstallSettings, deps: { db: Db; logger: Logger; clock: Clock }) => {
  const cipher = createTokenCipher({ keyId: settings.encryptionKeyId, encryptionKey: settings.encryptionKey, previousKeys: settings.previousKeys });
  const oauth = createOAuthClient({
    apiBaseUrl: settings.apiBaseUrl, authBaseUrl: settings.authBaseUrl, clientId: settings.clientId, clientSecret: settings.clientSecret,
    redirectUri: `${settings.publicBaseUrl}/oauth/callback`,
  });
  const oauthState = createOAuthStateService({ signingSecret: settings.clientSecret, states: oauthStatesRepository(deps.db), clock: deps.clock });
  const tokenProvider = createInstallationTokenProvider({ db: deps.db, cipher, oauth, clock: deps.clock, logger: deps.logger });
  const signature = { clientSecret: settings.clientSecret, publicBaseUrl: settings.publicBaseUrl, clock: deps.clock };
  const apiKeys = apiKeysRepository(deps.db);
  const lifecycle = { db: deps.db, clock: deps.clock, logger: deps.logger };

  const installDeps = (wiring: InstallWiring) => ({
    db: deps.db, cipher, oauth, clock: deps.clock, logger: deps.logger,
    provision: (portalId: number) => provisionWaypointProperties(wiring.hubspot.forPortal(portalId)),
    enqueueFullSync: wiring.enqueueFullSync,
  });

  return {
    cipher,
    tokenProvider,
    apiKeys,
    oauth,
    oauthState,
    /** What HubSpot's request signatures are checked against (the card routes, signed admin requests). */
    signature,
    markUninstalled: markUninstalled(lifecycle),
    handleAppLifecycleEvent: handleAppLifecycleEvent(lifecycle),
    deletePortalData: deletePortalData(lifecycle),
    /** The OAuth callback's work: exchange the code, store the tokens, provision, enqueue the first full sync. */
    completeInstall: (wiring: InstallWiring) => completeInstall(installDeps(wiring)),
    /** The sandbox's install without a browser: a grant the emulator issued goes through the same steps as a callback. */
    installFromGrant: (wiring: InstallWiring) => installFromGrant(installDeps(wiring)),
    /** At every start: bring each active portal's properties in line with the catalogue. */
    provisionActivePortals: (hubspot: HubSpotClient) =>
      provisionActivePortals({ installations: installationsRepository(deps.db), clientFor: (portalId) => hubspot.forPortal(portalId), logger: deps.logger }),
  };
};

export type InstallModule = ReturnType<typeof createInstallModule>;
