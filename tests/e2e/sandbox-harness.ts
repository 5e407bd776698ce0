import { Router } from 'express';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { createHubSpotClient, type HubSpotClient } from '../../src/hubspot/client.ts';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { completeInstall } from '../../src/install/complete-install.ts';
import { createOAuthStateService } from '../../src/install/oauth-state.ts';
import { provisionWaypointProperties } from '../../src/install/provisioning.ts';
import { createInstallationTokenProvider } from '../../src/install/token-provider.ts';
import { runSandbox, type SandboxResult } from '../../src/sandbox/run-sandbox.ts';
import { createApp } from '../../src/server/create-app.ts';
import { listen, type RunningServer } from '../../src/server/listen.ts';
import { getOAuthCallback } from '../../src/server/routes/get-oauth-callback.ts';
import { getOAuthInstall } from '../../src/server/routes/get-oauth-install.ts';
import { previewRouter } from '../../src/server/routes/get-preview-company.ts';
import { portalOfApiKey, postUsageRouter } from '../../src/server/routes/post-usage.ts';
import { portalPropertiesReader } from '../../src/server/routes/settings-data.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { fixedClock, systemClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { oauthStatesRepository } from '../../src/store/oauth-states-repository.ts';
import { storedSyncSettings } from '../../src/sync/settings-source.ts';
import type { SyncDeps } from '../../src/sync/sync-deps.ts';
import { openTestStore, testCipher } from '../install/helpers.ts';

export interface Sandbox {
  emulator: Emulator;
  db: Db;
  hubspot: HubSpotClient;
  baseUrl: string;
  result: SandboxResult;
  lines: string[];
  scoringClock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** Composes Waypoint around an emulator the way main.ts does in sandbox mode, then runs the sandbox job once. */
// S keeps the default suite quick; WAYPOINT_SANDBOX_SIZE=M runs the same stories on the M portal.
const sandboxSize = process.env.WAYPOINT_SANDBOX_SIZE === 'M' ? 'M' : 'S';

// `profile` rich gives the portal its custom CS properties (ARR, contract start, renewal date); stock by default.
export const startSandbox = async (options: { seed?: number; profile?: 'stock' | 'rich' } = {}): Promise<Sandbox> => {
  const emulator = await startEmulator({ size: sandboxSize, seed: options.seed ?? 11, profile: options.profile ?? 'stock', limits: {}, timeScale: 0.01 });
  const db = await openTestStore();
  const logger = createLogger({ level: 'silent' });
  const scoringClock = fixedClock(emulator.portals[0]?.now ?? '2026-11-01T00:00:00.000Z');
  const routes = Router();
  const server: RunningServer = await listen(createApp({ logger, db, routers: [routes] }), 0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${server.port}`;

  const cipher = testCipher();
  const oauth = createOAuthClient({
    apiBaseUrl: emulator.baseUrl, authBaseUrl: emulator.baseUrl, clientId: emulator.clientId, clientSecret: emulator.clientSecret,
    redirectUri: `${baseUrl}/oauth/callback`,
  });
  const tokenProvider = createInstallationTokenProvider({ db, cipher, oauth, clock: systemClock, logger });
  const hubspot = createHubSpotClient({ baseUrl: emulator.baseUrl, tokenProvider, logger, limits: { windowMs: 100, searchWindowMs: 100 } });
  const oauthState = createOAuthStateService({ signingSecret: emulator.clientSecret, states: oauthStatesRepository(db), clock: systemClock });
  const install = completeInstall({
    db, cipher, oauth, clock: systemClock, logger,
    provision: (portalId) => provisionWaypointProperties(hubspot.forPortal(portalId)),
    enqueueFullSync: async () => undefined,
  });
  routes.get('/oauth/install', getOAuthInstall({ oauthState, oauth }));
  routes.get('/oauth/callback', getOAuthCallback({ oauthState, completeInstall: install, logger }));
  // The preview's portfolio figures are as of the scoring clock, like the cards they read.
  routes.use(previewRouter({ db, clock: scoringClock, readProperties: portalPropertiesReader({ clock: systemClock, hubspot }) }));
  routes.use(postUsageRouter({ db, verifyApiKey: portalOfApiKey(apiKeysRepository(db)), requestScoring: async () => undefined }));

  const syncDeps: SyncDeps = { db, hubspot, logger, clock: systemClock, settingsFor: storedSyncSettings(db), requestScoring: async () => undefined };
  const lines: string[] = [];
  const result = await runSandbox({
    db, clock: scoringClock, logger, hubspot, emulator, appBaseUrl: baseUrl, syncDeps, out: (line) => lines.push(line),
  });
  return {
    emulator, db, hubspot, baseUrl, result, lines, scoringClock,
    close: async () => {
      await server.close(1_000);
      await emulator.stop();
      await db.close();
    },
  };
};
