import { createHubSpotClient, type HubSpotClient } from '../hubspot/client.ts';
import { createInstallModule, type InstallModule, type InstallSettings } from '../install/install-module.ts';
import type { SnapshotSource } from '../portal-scoring/score-portal.ts';
import type { Queue } from '../jobs/queue.ts';
import type { Metrics } from './metrics.ts';
import { createCardCache, type CardCache } from '../server/cards/card-cache.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { Db } from '../store/db.ts';
import { rescoreRequestsRepository } from '../store/rescore-requests-repository.ts';
import { storedSyncSettings } from '../sync/settings-source.ts';
import { storeSnapshotSource } from '../sync/snapshot-source.ts';
import type { SyncDeps } from '../sync/sync-deps.ts';

/** What the composition root resolves from the environment (or, in sandbox mode, from the emulator). */
export type HubSpotSettings = InstallSettings & {
  appId: string;
  requestsPer10s: number;
  searchPerSecond: number;
};

export type Services = {
  db: Db;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  settings: HubSpotSettings;
  /** Absent in tests and tools that compose services without a /metrics endpoint. */
  metrics?: Metrics;
  install: InstallModule;
  hubspot: HubSpotClient;
  snapshots: SnapshotSource;
  /** This process's cached card bodies: the card route reads it, this process's rescores drop from it. */
  cardCache: CardCache;
  syncDeps: SyncDeps;
  /** Records companies to rescore, then makes sure a score job will pick them up. */
  requestScoring(portalId: number, companyIds?: readonly string[] | null): Promise<void>;
};

/** Every rescore (sync, usage, config save, the card's button) is recorded in the store, then left to the portal's score job. */
export const scoringRequests = (db: Db, queue: Pick<Queue, 'enqueue'>) => {
  const rescoreRequests = rescoreRequestsRepository(db);
  return async (portalId: number, companyIds?: readonly string[] | null): Promise<void> => {
    await rescoreRequests.add(portalId, companyIds ?? undefined);
    await queue.enqueue('score-portal', portalId);
  };
};

export const buildServices = (deps: { db: Db; queue: Queue; clock: Clock; logger: Logger; settings: HubSpotSettings; metrics?: Metrics }): Services => {
  const { db, queue, clock, logger, settings } = deps;
  const install = createInstallModule(settings, { db, logger, clock });
  const hubspot = createHubSpotClient({
    baseUrl: settings.apiBaseUrl,
    tokenProvider: install.tokenProvider,
    logger,
    limits: { requestsPerWindow: settings.requestsPer10s, searchRequestsPerWindow: settings.searchPerSecond },
    ...(deps.metrics ? { onRequest: deps.metrics.onHubSpotRequest } : {}),
  });
  const requestScoring = scoringRequests(db, queue);
  const syncDeps: SyncDeps = { db, hubspot, logger, clock, settingsFor: storedSyncSettings(db), requestScoring };
  return { ...deps, install, hubspot, snapshots: storeSnapshotSource(db), cardCache: createCardCache(), syncDeps, requestScoring };
};
