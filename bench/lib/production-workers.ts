import { randomBytes } from 'node:crypto';
import { scoringRequests, type HubSpotSettings, type Services } from '../../src/composition/services.ts';
import { registerWorkers } from '../../src/composition/workers.ts';
import type { HubSpotClient } from '../../src/hubspot/client.ts';
import { createInstallModule } from '../../src/install/install-module.ts';
import type { Queue } from '../../src/jobs/queue.ts';
import { createCardCache } from '../../src/server/cards/card-cache.ts';
import type { Clock } from '../../src/shared/clock.ts';
import type { Logger } from '../../src/shared/logger.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import type { Db } from '../../src/store/db.ts';
import type { SyncDeps } from '../../src/sync/sync-deps.ts';
import type { Pipeline } from './pipeline.ts';

/** An active installation row: what the card route and every job check. Its tokens are never read here. */
export const markInstalled = (db: Db, portalId: number) =>
  installationsRepository(db).upsertActive({
    portalId, scopes: ['oauth'], hubDomain: `portal-${portalId}.example`, accessTokenEnc: 'unused', refreshTokenEnc: 'unused',
    accessExpiresAt: new Date(Date.now() + 3_600_000), now: new Date(),
  });

export interface DoorServicesOptions {
  db: Db;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  /** A door holding the emulator's tokens directly instead of decrypting them from an OAuth install. */
  hubspot: HubSpotClient;
  /** Sync's dependencies around the same door; their requestScoring is replaced by the production one. */
  syncDeps: SyncDeps;
  apiBaseUrl: string;
  publicBaseUrl: string;
}

/** Services as src/composition/services.ts builds them, around a door of the caller's. */
export const servicesWithDoor = (options: DoorServicesOptions): Services => {
  const { db, queue, clock, logger, hubspot, syncDeps } = options;
  const settings: HubSpotSettings = {
    clientId: 'waypoint-harness', clientSecret: randomBytes(16).toString('hex'), appId: '1', apiBaseUrl: options.apiBaseUrl,
    authBaseUrl: options.apiBaseUrl, publicBaseUrl: options.publicBaseUrl, encryptionKey: randomBytes(32).toString('base64'), encryptionKeyId: 'harness',
    requestsPer10s: 100, searchPerSecond: 4,
  };
  const requestScoring = scoringRequests(db, queue);
  syncDeps.requestScoring = requestScoring;
  return {
    db, queue, clock, logger, settings, hubspot, snapshots: storeSnapshotSource(db), cardCache: createCardCache(),
    install: createInstallModule(settings, { db, logger, clock }), syncDeps, requestScoring,
  };
};

/**
 * The production job handlers (src/composition/workers.ts) on a pipeline's queue: sync, webhook processing, scoring
 * with write-back, each hop a real pg-boss job. Only the door differs (see servicesWithDoor).
 */
export const registerProductionWorkers = async (pipeline: Pipeline, queue: Queue, publicBaseUrl: string): Promise<void> => {
  const { db, logger, emulator } = pipeline;
  // Every job first checks its portal is installed.
  for (const portalId of pipeline.portalIds) await markInstalled(db, portalId);
  await registerWorkers(servicesWithDoor({
    db, queue, clock: pipeline.clock, logger, hubspot: pipeline.hubspot, syncDeps: pipeline.syncDeps, apiBaseUrl: emulator.baseUrl, publicBaseUrl,
  }));
};
