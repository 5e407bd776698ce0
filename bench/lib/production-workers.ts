import { randomBytes } from 'node:crypto';
import type { HubSpotSettings, Services } from '../../src/composition/services.ts';
import { registerWorkers } from '../../src/composition/workers.ts';
import { createInstallModule } from '../../src/install/install-module.ts';
import type { Queue } from '../../src/jobs/queue.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import { rescoreRequestsRepository } from '../../src/store/rescore-requests-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import type { Db } from '../../src/store/db.ts';
import type { Pipeline } from './pipeline.ts';

/** An active installation row: what the card route and every job check. Its tokens are never read here. */
export const markInstalled = (db: Db, portalId: number) =>
  installationsRepository(db).upsertActive({
    portalId, scopes: ['oauth'], hubDomain: `portal-${portalId}.example`, accessTokenEnc: 'unused', refreshTokenEnc: 'unused',
    accessExpiresAt: new Date(Date.now() + 3_600_000), now: new Date(),
  });

/**
 * The production job handlers (src/composition/workers.ts) on a pipeline's queue: sync, webhook processing, scoring
 * with write-back, each hop a real pg-boss job. Only the door differs: it holds the emulator's tokens directly instead
 * of decrypting them from an OAuth install.
 */
export const registerProductionWorkers = async (pipeline: Pipeline, queue: Queue, publicBaseUrl: string): Promise<void> => {
  const { db, logger, emulator } = pipeline;
  const settings: HubSpotSettings = {
    clientId: emulator.clientId, clientSecret: emulator.clientSecret, appId: String(emulator.appId), apiBaseUrl: emulator.baseUrl,
    authBaseUrl: emulator.baseUrl, publicBaseUrl, encryptionKey: randomBytes(32).toString('base64'), encryptionKeyId: 'bench',
    requestsPer10s: 100, searchPerSecond: 4,
  };
  // Every job first checks its portal is installed.
  for (const portalId of pipeline.portalIds) await markInstalled(db, portalId);
  const rescoreRequests = rescoreRequestsRepository(db);
  const requestScoring = async (portalId: number, companyIds?: readonly string[] | null) => {
    await rescoreRequests.add(portalId, companyIds ?? undefined);
    await queue.enqueue('score-portal', portalId);
  };
  pipeline.syncDeps.requestScoring = requestScoring;
  const services: Services = {
    db, queue, clock: pipeline.clock, logger, settings, hubspot: pipeline.hubspot, snapshots: storeSnapshotSource(db),
    install: createInstallModule(settings, { db, logger, clock: pipeline.clock }), syncDeps: pipeline.syncDeps, requestScoring,
  };
  await registerWorkers(services);
};
