import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generatePortal, type Portal, type PortalProfile, type Size } from '../generator/index.ts';
import { createListener } from './app.ts';
import type { PortalRuntime } from './context.ts';
import { FaultInjector, type FaultOptions } from './faults.ts';
import { mutateHelpers, type MutateHelpers } from './mutate.ts';
import { PortalStore } from './portal-store.ts';
import { PropertySchema } from './property-schema.ts';
import { makeLimiters, type PortalLimiters, type RateLimitOptions } from './rate-limit.ts';
import { apiRoutes } from './router.ts';
import { oauthHandlers } from './routes-oauth.ts';
import { allScopes } from './scopes.ts';
import { RequestStats, type StatsSnapshot } from './stats.ts';
import { TokenStore, type TokenGrant } from './tokens.ts';
import { WebhookDispatcher, type WebhookOptions, type WebhookStats } from './webhooks.ts';

export interface EmulatorOptions {
  /** Portals to serve; otherwise one is generated from size and seed. */
  portals?: readonly Portal[];
  size?: Size;
  seed?: number | string;
  /** The generated portal's profile (rich by default); ignored when portals are given. */
  profile?: PortalProfile;
  now?: string;
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  appId?: number;
  redirectUris?: readonly string[];
  faults?: FaultOptions | null;
  limits?: RateLimitOptions;
  /** Multiplies every time window (rate limits, webhook retry delays): 0.01 makes a 10 s window 100 ms. */
  timeScale?: number;
  webhookTarget?: string;
  webhooks?: WebhookOptions;
  tokenTtlSeconds?: number;
  /** Wall clock for tokens and write timestamps. */
  clock?: () => number;
  /** Monotonic clock of the rate windows (default performance.now): a test moves it by hand, so a burst's outcome does not depend on how fast a loaded machine sends it. */
  rateClock?: () => number;
  enforceScopes?: boolean;
  /** Build the generated index (modification dates, counts, child links) at start (default) rather than on first use. */
  warmSearchIndex?: boolean;
}

export interface PortalState extends PortalRuntime { portal: Portal; limiters: PortalLimiters | null }

export interface EmulatorState {
  portalIds(): number[];
  portal(portalId?: number): PortalState;
  tokens: TokenStore;
}

export interface Emulator {
  baseUrl: string;
  port: number;
  clientId: string;
  clientSecret: string;
  appId: number;
  portals: readonly Portal[];
  state: EmulatorState;
  mutate: MutateHelpers;
  stats(): StatsSnapshot & { webhooks: WebhookStats };
  resetStats(): void;
  setFaults(faults: FaultOptions | null): void;
  setLimits(limits: RateLimitOptions): void;
  configureWebhooks(options: WebhookOptions): void;
  /** Resolves when every webhook event so far is delivered or abandoned. */
  webhooksIdle(): Promise<void>;
  /** Installs the app in a portal as if consent were given; all scopes unless narrowed. */
  issueToken(portalId?: number, scopes?: readonly string[]): TokenGrant;
  stop(): Promise<void>;
}

export const startEmulator = async (options: EmulatorOptions = {}): Promise<Emulator> => {
  const clock = options.clock ?? (() => Date.now());
  const timeScale = options.timeScale ?? 1;
  const clientId = options.clientId ?? 'emulator-client-id';
  const clientSecret = options.clientSecret ?? 'emulator-client-secret';
  const appId = options.appId ?? 4242;
  const portals = options.portals ?? [generatePortal({
    size: options.size ?? 'S', seed: options.seed ?? 1, ...(options.profile ? { profile: options.profile } : {}), ...(options.now ? { now: options.now } : {}),
  })];
  if (new Set(portals.map((p) => p.portalId)).size !== portals.length) throw new Error('every portal needs a distinct portalId');
  const webhooks = new WebhookDispatcher({ ...options.webhooks, ...(options.webhookTarget ? { targetUrl: options.webhookTarget } : {}) }, { appId, clientSecret, timeScale, clock });
  let limits = options.limits ?? {};
  const states = new Map<number, PortalState>();
  const buildLimiters = () => (limits.enabled === false ? null : makeLimiters(limits, timeScale));
  for (const portal of portals) {
    const store = new PortalStore(portal, clock, (event) => webhooks.enqueue(portal.portalId, event));
    const schema = new PropertySchema(clock, portal.owners.map((o) => o.id), portal.now, portal.profile);
    states.set(portal.portalId, { portal, store, schema, limiters: buildLimiters() });
    if (options.warmSearchIndex !== false) for (const type of ['companies', 'calls'] as const) store.generatedIndex.stamps(type);
  }
  const firstId = portals[0]?.portalId;
  const portalState = (portalId = firstId): PortalState => {
    const found = portalId === undefined ? undefined : states.get(portalId);
    if (!found) throw new Error(`No portal ${String(portalId)} in this emulator`);
    return found;
  };
  const tokens = new TokenStore(clock, options.tokenTtlSeconds ?? 1800);
  const userOf = (portalId: number) => {
    const owner = states.get(portalId)?.portal.owners[0];
    return { id: owner?.userId ?? 0, email: owner?.email ?? 'user@emulator.test' };
  };
  let faults = options.faults ? new FaultInjector(options.faults) : null;
  const stats = new RequestStats();
  const routes = apiRoutes(oauthHandlers({
    clientId, clientSecret, appId, tokens, userOf, portalIds: () => [...states.keys()], redirectUris: options.redirectUris ?? null,
  }));
  const server = createServer({ keepAlive: true }, createListener({
    routes, tokens, stats, appId, enforceScopes: options.enforceScopes ?? true,
    runtime: (id) => states.get(id), limiters: (id) => states.get(id)?.limiters ?? null, faults: () => faults,
    rateClock: options.rateClock ?? (() => performance.now()),
  }));
  // Idle connections are closed by the client alone: with Node's 5 s server-side idle timeout, a loaded machine can
  // close a pooled socket just as the client reuses it, the likely cause of an ECONNRESET seen in the rate-limit
  // story's 120-request burst under load (docs/testing.md). stop() still closes every connection.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${port}`, port, clientId, clientSecret, appId, portals,
    state: { portalIds: () => [...states.keys()], portal: portalState, tokens },
    mutate: mutateHelpers(portalState, clock),
    stats: () => ({ ...stats.read(), webhooks: webhooks.stats() }),
    resetStats: () => stats.reset(),
    setFaults: (next) => {
      faults = next ? new FaultInjector(next) : null;
    },
    setLimits: (next) => {
      limits = next;
      for (const s of states.values()) s.limiters = buildLimiters();
    },
    configureWebhooks: (next) => webhooks.configure(next),
    webhooksIdle: () => webhooks.idle(),
    issueToken: (portalId = firstId, scopes = allScopes) => tokens.install(portalState(portalId).portal.portalId, [...scopes], userOf(portalState(portalId).portal.portalId).id),
    stop: async () => {
      webhooks.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
