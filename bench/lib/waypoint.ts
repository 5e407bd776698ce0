import { createHubSpotClient, type HubSpotClient } from '../../src/hubspot/client.ts';
import type { RequestEvent } from '../../src/hubspot/request.ts';
import { systemClock, type Clock } from '../../src/shared/clock.ts';
import { createLogger, type Logger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { storedSyncSettings } from '../../src/sync/settings-source.ts';
import type { SyncDeps } from '../../src/sync/sync-deps.ts';

/** HubSpot's budgets as the emulator enforces them after its timeScale compressed every window. */
export const scaledBudget = (timeScale: number) => ({
  requestsPerWindow: 100,
  windowMs: Math.max(1, Math.round(10_000 * timeScale)),
  searchRequestsPerWindow: 4,
  searchWindowMs: Math.max(1, Math.round(1_000 * timeScale)),
});

export const quietLogger = (): Logger => createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });

export interface DoorOptions {
  baseUrl: string;
  /** Access token per portal, as the emulator issued them. */
  tokens: Readonly<Record<string, string>>;
  timeScale: number;
  logger: Logger;
  onRequest?: (event: RequestEvent) => void;
  /** Stands in for the network, e.g. to make one portal's HubSpot fail throughout. */
  fetchImpl?: typeof fetch;
}

/**
 * The door's deadline per attempt against an emulator on this machine. The emulator answers every request it gets (its
 * faults drop connections, they never hold one open), so how long an attempt takes here measures only how loaded the
 * machine is: a tighter deadline made ten portals syncing at once on a loaded machine abandon answers on the way and
 * ask again, until a request ran out of attempts. It only catches a hang, like the tests' own timeouts.
 */
const EMULATOR_REQUEST_TIMEOUT_MS = 300_000;

/** Waypoint's own HubSpot door pointed at an emulator, with its budgets and retry waits compressed alike. */
export const doorForEmulator = (options: DoorOptions): HubSpotClient => {
  const budget = scaledBudget(options.timeScale);
  return createHubSpotClient({
    baseUrl: options.baseUrl,
    logger: options.logger,
    tokenProvider: {
      getAccessToken: async (portalId) => {
        const token = options.tokens[String(portalId)];
        if (!token) throw new Error(`no emulator token for portal ${portalId}`);
        return token;
      },
    },
    limits: budget,
    retry: {
      baseDelayMs: 500 * options.timeScale,
      maxDelayMs: 30_000 * options.timeScale,
      tenSecondlyWindowMs: budget.windowMs,
      secondlyWindowMs: budget.searchWindowMs,
    },
    requestTimeoutMs: EMULATOR_REQUEST_TIMEOUT_MS,
    onRequest: options.onRequest,
    fetchImpl: options.fetchImpl,
  });
};

/** The sync engine's dependencies as the worker builds them, minus the queue: scoring requests are only counted. */
export const syncDepsFor = (db: Db, hubspot: HubSpotClient, logger: Logger, clock: Clock = systemClock): SyncDeps & { scoringRequests: number } => {
  const deps = {
    db, hubspot, logger, clock,
    settingsFor: storedSyncSettings(db),
    scoringRequests: 0,
    requestScoring: async () => {
      deps.scoringRequests += 1;
    },
  };
  return deps;
};
