import { generatePortal, type Size } from '../../emulator/generator/index.ts';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server/index.ts';
import type { HubSpotClient } from '../../src/hubspot/client.ts';
import { provisionWaypointProperties } from '../../src/install/provisioning.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { fixedClock, type Clock } from '../../src/shared/clock.ts';
import type { Logger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore, type StoreOptions } from '../../src/store/open-store.ts';
import { writeBackPortal } from '../../src/writeback/write-back.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import type { SyncDeps } from '../../src/sync/sync-deps.ts';
import { doorForEmulator, quietLogger, syncDepsFor } from './waypoint.ts';

export interface PipelineOptions {
  size?: Size;
  seed?: number;
  portals?: number;
  timeScale?: number;
  store?: StoreOptions;
  emulator?: Omit<EmulatorOptions, 'portals' | 'timeScale'>;
  /** Builds the door's fetch from the portals' tokens (see DoorOptions.fetchImpl). */
  doorFetch?: (tokens: Readonly<Record<string, string>>) => typeof fetch;
}

/**
 * The emulator and Waypoint's data path in one process: a store, the HubSpot door with budgets scaled like the
 * emulator's, and the jobs (sync, score, write-back) called directly, as a worker would run them.
 */
export interface Pipeline {
  emulator: Emulator;
  db: Db;
  logger: Logger;
  hubspot: HubSpotClient;
  syncDeps: SyncDeps & { scoringRequests: number };
  portalIds: number[];
  clock: Clock;
  fullSync(portalId: number): ReturnType<typeof syncPortal>;
  score(portalId: number, companyIds?: readonly string[], clock?: Clock): ReturnType<typeof scorePortal>;
  /** Creates Waypoint's property group and properties in the portal, as the install does. */
  provision(portalId: number): Promise<unknown>;
  writeBack(portalId: number, companyIds?: readonly string[]): ReturnType<typeof writeBackPortal>;
  stop(): Promise<void>;
}

export const portalIdFor = (index: number): number => 9_000_001 + index;

export const startPipeline = async (options: PipelineOptions = {}): Promise<Pipeline> => {
  const timeScale = options.timeScale ?? 0.01;
  const portals = Array.from({ length: options.portals ?? 1 }, (_, i) =>
    generatePortal({ size: options.size ?? 'S', seed: (options.seed ?? 42) + i, portalId: portalIdFor(i) }));
  const emulator = await startEmulator({ tokenTtlSeconds: 24 * 3600, webhooks: { enabled: false }, ...options.emulator, portals, timeScale });
  const tokens = Object.fromEntries(portals.map((p) => [String(p.portalId), emulator.issueToken(p.portalId).access_token]));
  const db = await openStore(options.store ?? { kind: 'pglite', dataDir: undefined });
  const logger = quietLogger();
  const hubspot = doorForEmulator({ baseUrl: emulator.baseUrl, tokens, timeScale, logger, fetchImpl: options.doorFetch?.(tokens) });
  // Scoring runs at the generated portals' anchor date, so their history reads as recent.
  const clock = fixedClock(portals[0]?.now ?? new Date().toISOString());
  const syncDeps = syncDepsFor(db, hubspot, logger);
  return {
    emulator, db, logger, hubspot, syncDeps, clock,
    portalIds: portals.map((p) => p.portalId),
    fullSync: (portalId) => syncPortal(syncDeps, { portalId, mode: 'full' }),
    score: (portalId, companyIds, at = clock) =>
      scorePortal({ db, clock: at, logger, snapshots: storeSnapshotSource(db) }, { portalId, ...(companyIds ? { companyIds } : {}) }),
    provision: (portalId) => provisionWaypointProperties(hubspot.forPortal(portalId)),
    writeBack: (portalId, companyIds) => writeBackPortal({ db, portal: hubspot.forPortal(portalId), clock, logger }, companyIds),
    stop: async () => {
      await emulator.stop();
      await db.close();
    },
  };
};

/** Requests the emulator has answered on one endpoint for a portal (all statuses). */
export const endpointCount = (emulator: Emulator, portalId: number, endpoint: string): number =>
  emulator.stats().byPortal[String(portalId)]?.byEndpoint[endpoint]?.count ?? 0;
