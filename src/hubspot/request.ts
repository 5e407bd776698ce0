import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { PortalLimiters, Timers } from './rate-limiter.ts';
import type { RequestStats } from './request-stats.ts';
import { decideRetry, type RetryDecision, type RetryOptions } from './retry-policy.ts';
import { hubSpotErrorBodySchema } from './schemas.ts';
import type { PortalTransport } from './sdk-transport.ts';
import type { TokenProvider } from './token-provider.ts';

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface HubSpotRequest<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  /** Arrays are sent comma-joined, as HubSpot expects for properties and associations. */
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Every response is parsed; 204 and empty bodies are parsed as undefined. */
  schema: z.ZodType<T>;
  /** Accounting and error label, ids left out (e.g. 'GET /crm/objects/2026-03/companies/{id}'); defaults to method and path. */
  endpoint?: string;
  /** Search endpoints spend their own per-second budget instead of the burst budget. */
  budget?: 'standard' | 'search';
}

/** One portal's authenticated, rate-limited, retrying request. */
export type PortalRequest = <T>(request: HubSpotRequest<T>) => Promise<T>;

export interface RequestEvent {
  portalId: number;
  method: string;
  endpoint: string;
  attempt: number;
  /** Absent when no response arrived. */
  status?: number;
  durationMs: number;
}

export interface RequestContext {
  portalId: number;
  transport: PortalTransport;
  tokenProvider: TokenProvider;
  limiters: PortalLimiters;
  retry: RetryOptions;
  timers: Timers;
  logger: Logger;
  stats: RequestStats;
  requestTimeoutMs: number;
  onRequest?: (event: RequestEvent) => void;
}

type Outcome = { status: number; headers: Record<string, string>; text: string } | { error: unknown };

const wireQuery = (query: HubSpotRequest<unknown>['query']): Record<string, string> => {
  const wire: Record<string, string> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) wire[name] = typeof value === 'object' ? value.join(',') : String(value);
  }
  return wire;
};

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

// The SDK's apiRequest takes no signal of its own; the transport threads this one down to the socket (sdk-transport.ts).
const send = async (ctx: RequestContext, request: HubSpotRequest<unknown>, query: Record<string, string>, token: string): Promise<Outcome> => {
  const signal = AbortSignal.timeout(ctx.requestTimeoutMs);
  try {
    return await ctx.transport({ method: request.method, path: request.path, query, body: request.body, token, signal });
  } catch (error) {
    // A connection dropped mid-body lands here too: a network error worth retrying. node-fetch reports its own
    // abort as "the user aborted a request"; the signal's reason says it was the deadline.
    return { error: signal.aborted ? signal.reason : error };
  }
};

type Parsed<T> = { kind: 'ok'; data: T } | { kind: 'unparsable' } | { kind: 'invalid'; error: z.ZodError };

/** A body cut short in transit does not parse as JSON and is worth asking again; JSON of the wrong shape is not. */
const parseSuccess = <T>(schema: z.ZodType<T>, text: string): Parsed<T> => {
  const json = parseJson(text);
  if (!json.ok) return { kind: 'unparsable' };
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return { kind: 'ok', data: parsed.data };
  return json.value === undefined ? { kind: 'unparsable' } : { kind: 'invalid', error: parsed.error };
};

const malformed = (endpoint: string, status: number, why: string, issues?: unknown): AppError =>
  new AppError('HUBSPOT_MALFORMED_RESPONSE', `HubSpot returned a malformed response from ${endpoint}: ${why}`, {
    details: { endpoint, status, issues },
  });

/** Native fetch wraps the real reason (ECONNRESET, a timeout) in its cause; node-fetch puts it in the message. */
const errorMessage = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
};

const failure = (endpoint: string, outcome: Outcome, decision: RetryDecision): AppError => {
  if ('error' in outcome) {
    return new AppError(decision.code ?? 'HUBSPOT_NETWORK', `HubSpot ${endpoint} unreachable: ${errorMessage(outcome.error)} (${decision.reason})`, {
      cause: outcome.error, details: { endpoint, reason: decision.reason },
    });
  }
  const json = parseJson(outcome.text);
  const parsed = hubSpotErrorBodySchema.safeParse(json.ok ? json.value : undefined);
  const body = parsed.success ? parsed.data : {};
  const said = body.message ? `: ${body.message}` : '';
  return new AppError(decision.code ?? 'HUBSPOT_UNAVAILABLE', `HubSpot ${endpoint} answered ${outcome.status}${said} (${decision.reason})`, {
    details: { endpoint, status: outcome.status, category: body.category, correlationId: body.correlationId, reason: decision.reason },
  });
};

export const createPortalRequest = (ctx: RequestContext): PortalRequest => async <T>(request: HubSpotRequest<T>): Promise<T> => {
  const endpoint = request.endpoint ?? `${request.method} ${request.path}`;
  const query = wireQuery(request.query);
  const limiter = request.budget === 'search' ? ctx.limiters.search : ctx.limiters.standard;
  const record = (kind: Parameters<RequestStats['record']>[2]) => ctx.stats.record(ctx.portalId, endpoint, kind);
  let tokenRenewed = false;
  for (let attempt = 1; ; attempt += 1) {
    const token = await ctx.tokenProvider.getAccessToken(ctx.portalId);
    const release = await limiter.acquire();
    const startedAt = ctx.timers.now();
    const outcome = await send(ctx, request, query, token).finally(release);
    const status = 'error' in outcome ? undefined : outcome.status;
    record('requests');
    if (status === 429) record('rateLimited');
    ctx.onRequest?.({ portalId: ctx.portalId, method: request.method, endpoint, attempt, status, durationMs: ctx.timers.now() - startedAt });

    const parsed = status !== undefined && status >= 200 && status < 300 && 'text' in outcome
      ? parseSuccess(request.schema, outcome.text)
      : undefined;
    if (parsed?.kind === 'ok') return parsed.data;
    if (parsed?.kind === 'invalid') {
      record('failures');
      throw malformed(endpoint, status ?? 0, z.prettifyError(parsed.error).slice(0, 1_000), parsed.error.issues.slice(0, 10));
    }
    // A 401 usually means the token expired early or was revoked; one fresh token settles which.
    if (status === 401 && !tokenRenewed && ctx.tokenProvider.invalidate) {
      tokenRenewed = true;
      record('retries');
      await ctx.tokenProvider.invalidate(ctx.portalId);
      continue;
    }
    const json = 'text' in outcome ? parseJson(outcome.text) : undefined;
    const decision = decideRetry({
      status,
      headers: 'headers' in outcome ? outcome.headers : {},
      body: json?.ok ? json.value : undefined,
      attempt,
      error: 'error' in outcome ? outcome.error : undefined,
      unparsableBody: parsed?.kind === 'unparsable',
    }, ctx.retry);
    if (!decision.retry) {
      record('failures');
      const error = parsed ? malformed(endpoint, status ?? 0, `body is not JSON (${decision.reason})`) : failure(endpoint, outcome, decision);
      ctx.logger.warn({ endpoint, status, attempt, errorCode: error.code, details: error.details }, 'HubSpot request failed');
      throw error;
    }
    record('retries');
    const cause = 'error' in outcome ? errorMessage(outcome.error) : undefined;
    ctx.logger.warn({ endpoint, status, attempt, waitMs: decision.waitMs, reason: decision.reason, cause }, 'HubSpot request retried');
    if (decision.rateLimitPolicy) {
      // The budget is the portal's, not this request's: everything else for the portal waits too.
      limiter.pauseFor(decision.waitMs);
      if (decision.rateLimitPolicy === 'TEN_SECONDLY_ROLLING') ctx.limiters.standard.pauseFor(decision.waitMs);
    } else {
      await ctx.timers.sleep(decision.waitMs);
    }
  }
};
