import nock from 'nock';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/server/index.ts';
import { createHubSpotClient, type HubSpotClient, type HubSpotClientOptions } from '../../src/hubspot/client.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { syncSettingsFrom } from '../../src/sync/object-catalogue.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import type { SyncDeps } from '../../src/sync/sync-deps.ts';

/**
 * HubSpot's budgets scaled down 100x on both sides (the emulator's windows and the door's limiter), so a sync of an
 * S portal takes seconds while keeping the same requests-per-window arithmetic.
 */
export const TIME_SCALE = 0.01;
const scaledLimits = { requestsPerWindow: 100, windowMs: 10_000 * TIME_SCALE, searchRequestsPerWindow: 4, searchWindowMs: 1_000 * TIME_SCALE };

export interface Harness {
  emulator: Emulator;
  portalId: number;
  db: Db;
  hubspot: HubSpotClient;
  deps: SyncDeps;
  scoringRequests: Array<{ portalId: number; companyIds: readonly string[] | null }>;
  /** A fresh store and door against the same emulator (a restarted process). */
  restart(clientOptions?: Partial<HubSpotClientOptions>): Promise<void>;
  close(): Promise<void>;
}

export const startHarness = async (options: EmulatorOptions = {}, clientOptions: Partial<HubSpotClientOptions> = {}): Promise<Harness> => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const emulator = await startEmulator({ size: 'S', seed: 11, timeScale: TIME_SCALE, ...options });
  const token = emulator.issueToken().access_token;
  const logger = createLogger({ level: 'silent' });
  const settings = syncSettingsFrom(defaultScoringConfig);
  const scoringRequests: Harness['scoringRequests'] = [];
  const makeClient = (extra: Partial<HubSpotClientOptions>) => createHubSpotClient({
    baseUrl: emulator.baseUrl, tokenProvider: { getAccessToken: async () => token }, logger, limits: scaledLimits, ...clientOptions, ...extra,
  });
  const harness: Harness = {
    emulator,
    portalId: emulator.portals[0]?.portalId ?? 0,
    db: await openStore({ kind: 'pglite', dataDir: undefined }),
    hubspot: makeClient({}),
    scoringRequests,
    deps: undefined as unknown as SyncDeps,
    async restart(extra = {}) {
      harness.hubspot = makeClient(extra);
      harness.deps = { ...harness.deps, hubspot: harness.hubspot };
    },
    async close() {
      await harness.db.close();
      await emulator.stop();
      nock.enableNetConnect();
    },
  };
  harness.deps = {
    db: harness.db, hubspot: harness.hubspot, logger, clock: systemClock,
    settingsFor: async () => settings,
    requestScoring: async (portalId, companyIds) => {
      scoringRequests.push({ portalId, companyIds });
    },
  };
  return harness;
};

/** What a correct sync must hold, straight from the emulator's live data: customers and everything linked to them. */
export const expectedCustomerContent = (emulator: Emulator, portalId: number) => {
  const { store, portal } = emulator.state.portal(portalId);
  const customers = new Set<string>();
  for (const company of store.scan('companies')) {
    if (!company.archived && company.properties.lifecyclestage === 'customer') customers.add(company.id);
  }
  const children = new Map<string, Set<string>>();
  const prospectsChildren = new Set<string>();
  for (const type of ['contacts', 'deals', 'tickets', 'calls', 'emails', 'meetings', 'notes', 'tasks', 'feedback_submissions'] as const) {
    const ids = new Set<string>();
    for (const record of store.scan(type)) {
      if (record.archived) continue;
      if (record.companyId && customers.has(record.companyId)) ids.add(record.id);
      else prospectsChildren.add(`${type}:${record.id}`);
    }
    children.set(type, ids);
  }
  return { customers, children, prospectsChildren, portal };
};

/** One company's snapshot as scoring would load it from the synced store. */
export const snapshotOf = async (h: Harness, companyId: string): Promise<CompanySnapshot> => {
  for await (const snapshot of storeSnapshotSource(h.db).load(h.portalId, defaultScoringConfig, [companyId])) return snapshot;
  throw new Error(`no snapshot for ${companyId}`);
};
