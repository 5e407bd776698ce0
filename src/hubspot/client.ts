import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import type { CrmObjectType } from './api-version.ts';
import { batchReadAssociations, type AssociationsResult } from './associations.ts';
import {
  batchRead, batchUpdate, createObject, getObject, listObjects,
  type BatchReadResult, type BatchUpdateInput, type BatchUpdateResult, type CreateObjectInput, type ListObjectsOptions, type ObjectPage,
} from './objects.ts';
import { createPortalLimiterGroup, defaultRateLimits, systemTimers, type RateLimits, type Timers } from './rate-limiter.ts';
import { createPortalRequest, type HubSpotRequest, type RequestEvent } from './request.ts';
import { createRequestStats, type PortalRequestStats } from './request-stats.ts';
import { defaultRetryOptions, type RetryOptions } from './retry-policy.ts';
import type { HubSpotObject } from './schemas.ts';
import { sdkPortalTransport } from './sdk-transport.ts';
import { getOwner, listOwners, type Owner } from './owners.ts';
import { countObjects, searchModifiedSince, type SearchFilter, type SearchModifiedSinceOptions, type SearchPage } from './search.ts';
import type { TokenProvider } from './token-provider.ts';

export interface HubSpotClientOptions {
  /** https://api.hubapi.com, or the emulator's base URL. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  logger: Logger;
  limits?: Partial<RateLimits>;
  retry?: Partial<RetryOptions>;
  /** Replaces the socket under the SDK's apiRequest (fault-injecting tests and benches only); see sdk-transport.ts. */
  fetchImpl?: typeof fetch;
  /** Called after every HTTP attempt (benchmarks, progress). */
  onRequest?: (event: RequestEvent) => void;
  timers?: Timers;
  /** Per attempt, body included; a timed-out attempt is a network error for the retry policy. */
  requestTimeoutMs?: number;
}

/** Everything Waypoint may ask of one portal's HubSpot account. */
export interface PortalClient {
  readonly portalId: number;
  /** Any other endpoint (properties, groups): same token, limiter, retries and zod parsing. */
  request<T>(request: HubSpotRequest<T>): Promise<T>;
  listObjects(type: CrmObjectType, options: ListObjectsOptions): AsyncGenerator<ObjectPage>;
  getObject(type: CrmObjectType, id: string, properties: readonly string[]): Promise<HubSpotObject>;
  searchModifiedSince(type: CrmObjectType, options: SearchModifiedSinceOptions): AsyncGenerator<SearchPage>;
  countObjects(type: CrmObjectType, filters?: readonly SearchFilter[]): Promise<number>;
  batchRead(type: CrmObjectType, ids: readonly string[], properties: readonly string[]): Promise<BatchReadResult>;
  batchUpdate(type: CrmObjectType, inputs: readonly BatchUpdateInput[]): Promise<BatchUpdateResult>;
  batchReadAssociations(fromType: CrmObjectType, toType: CrmObjectType, ids: readonly string[]): Promise<AssociationsResult>;
  createObject(type: CrmObjectType, input: CreateObjectInput): Promise<HubSpotObject>;
  getOwner(ownerId: string): Promise<Owner | null>;
  listOwners(): Promise<Owner[]>;
}

export interface HubSpotClient {
  forPortal(portalId: number): PortalClient;
  stats(portalId: number): PortalRequestStats;
}

const positive = z.number().int().positive();
const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }),
  limits: z.object({ requestsPerWindow: positive, windowMs: positive, searchRequestsPerWindow: positive, searchWindowMs: positive }),
  retry: z.object({ maxAttempts: positive, baseDelayMs: z.number().nonnegative(), maxDelayMs: z.number().nonnegative() }),
  requestTimeoutMs: positive,
});

export const createHubSpotClient = (options: HubSpotClientOptions): HubSpotClient => {
  const limits = { ...defaultRateLimits, ...options.limits };
  const retry = { ...defaultRetryOptions, ...options.retry };
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const checked = optionsSchema.safeParse({ baseUrl: options.baseUrl, limits, retry, requestTimeoutMs });
  if (!checked.success) throw new AppError('CONFIG_INVALID', `HubSpot client options: ${z.prettifyError(checked.error)}`);

  const timers = options.timers ?? systemTimers;
  const limiters = createPortalLimiterGroup(limits, timers);
  const stats = createRequestStats();
  const portals = new Map<number, PortalClient>();

  const build = (portalId: number): PortalClient => {
    const request = createPortalRequest({
      portalId,
      transport: sdkPortalTransport(options.baseUrl, options.fetchImpl),
      tokenProvider: options.tokenProvider,
      limiters: limiters.forPortal(portalId),
      retry,
      timers,
      logger: portalLogger(options.logger, portalId),
      stats,
      requestTimeoutMs,
      onRequest: options.onRequest,
    });
    return {
      portalId,
      request,
      listObjects: (type, listOptions) => listObjects(request, type, listOptions),
      getObject: (type, id, properties) => getObject(request, type, id, properties),
      searchModifiedSince: (type, searchOptions) => searchModifiedSince(request, type, searchOptions),
      countObjects: (type, filters) => countObjects(request, type, filters),
      batchRead: (type, ids, properties) => batchRead(request, type, ids, properties),
      batchUpdate: (type, inputs) => batchUpdate(request, type, inputs),
      batchReadAssociations: (fromType, toType, ids) => batchReadAssociations(request, fromType, toType, ids),
      createObject: (type, input) => createObject(request, type, input),
      getOwner: (ownerId) => getOwner(request, ownerId),
      listOwners: () => listOwners(request),
    };
  };

  return {
    forPortal(portalId) {
      if (!Number.isSafeInteger(portalId) || portalId <= 0) throw new AppError('VALIDATION_FAILED', `portalId must be a positive integer, got ${portalId}`);
      let portal = portals.get(portalId);
      if (!portal) {
        portal = build(portalId);
        portals.set(portalId, portal);
      }
      return portal;
    },
    stats: (portalId) => stats.get(portalId),
  };
};
