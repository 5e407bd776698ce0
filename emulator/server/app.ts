import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PortalRuntime, Reply, RequestContext } from './context.ts';
import { errorBody, HubSpotHttpError } from './http-errors.ts';
import type { FaultInjector } from './faults.ts';
import type { PortalLimiters } from './rate-limit.ts';
import { matchRoute, type Match, type Route } from './router.ts';
import type { RequestStats } from './stats.ts';
import type { TokenStore } from './tokens.ts';

export interface AppEnv {
  routes: readonly Route[];
  tokens: TokenStore;
  runtime: (portalId: number) => PortalRuntime | undefined;
  limiters: (portalId: number) => PortalLimiters | null;
  faults: () => FaultInjector | null;
  /** Milliseconds on a monotonic clock, read by the rate windows. */
  rateClock: () => number;
  stats: RequestStats;
  appId: number;
  enforceScopes: boolean;
}

const MAX_BODY = 10 * 1024 * 1024;

const readBody = (req: IncomingMessage): Promise<string> => new Promise((resolve, reject) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY) reject(new HubSpotHttpError(413, 'VALIDATION_ERROR', 'Request body too large'));
    else chunks.push(chunk);
  });
  req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  req.on('error', reject);
});

const parseBody = (req: IncomingMessage, raw: string): unknown => {
  if (raw === '') return undefined;
  if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    throw new HubSpotHttpError(400, 'VALIDATION_ERROR', 'Invalid input JSON: the request body could not be parsed');
  }
};

const rateLimitReply = (policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY'): Reply => ({
  status: 429,
  body: {
    status: 'error', errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName, requestId: randomUUID(),
    message: policyName === 'SECONDLY' ? 'You have reached your secondly limit.' : 'You have reached your ten_secondly_rolling limit.',
  },
});

const authenticate = (env: AppEnv, req: IncomingMessage): { portalId: number; scopes: readonly string[] } => {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw new HubSpotHttpError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
  }
  const check = env.tokens.check(match[1]);
  if (check.ok) return { portalId: check.portalId, scopes: check.scopes };
  if (check.reason === 'expired') {
    throw new HubSpotHttpError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${check.expiredSecondsAgo ?? 0} second(s) ago.`);
  }
  throw new HubSpotHttpError(401, 'INVALID_AUTHENTICATION', 'The access token used to make this call is invalid or has been revoked.');
};

const write = (res: ServerResponse, reply: Reply, extraHeaders: Record<string, string>, malformed: boolean): void => {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  let payload = '';
  if (reply.body !== undefined) {
    payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json;charset=utf-8';
  }
  // A malformed-body fault: the start of the real answer, cut mid-way, so it cannot parse.
  if (malformed) payload = payload.length > 2 ? payload.slice(0, Math.max(1, Math.floor(payload.length / 2))) : '{"results": [';
  res.writeHead(reply.status, headers);
  res.end(payload);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome { portalId: number | null; status: number; dropped?: boolean; malformed?: boolean; rateLimited?: boolean }

const serve = async (env: AppEnv, req: IncomingMessage, res: ServerResponse, url: URL, match: Match): Promise<Outcome> => {
  const { route } = match;
  const headers: Record<string, string> = {};
  let portalId: number | null = null;
  let malformed = false;
  try {
    const raw = await readBody(req);
    let ctx: RequestContext = {
      method: req.method ?? 'GET', url, params: match.params, body: parseBody(req, raw), portal: null, scopes: [],
      source: { changeSource: 'INTEGRATION', sourceId: `app-${env.appId}` },
    };
    if (route.kind !== 'oauth') {
      const auth = authenticate(env, req);
      portalId = auth.portalId;
      const runtime = env.runtime(auth.portalId);
      if (!runtime) throw new HubSpotHttpError(401, 'INVALID_AUTHENTICATION', 'The portal of this token no longer exists in the emulator.');
      const needed = route.scope?.(match.params);
      if (env.enforceScopes && needed && !auth.scopes.includes(needed)) {
        throw new HubSpotHttpError(403, 'MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call.', {
          errors: [{ message: `One or more of the following scopes are required.`, context: { requiredGranularScopes: [needed] } }],
        });
      }
      ctx = { ...ctx, portal: runtime, scopes: auth.scopes };
      const fault = env.faults();
      const decision = fault?.applies(match.name) ? fault.decide(auth.portalId) : null;
      if (decision?.latencyMs) await sleep(decision.latencyMs);
      if (decision?.kind === 'drop') {
        req.socket.destroy();
        return { portalId, status: 0, dropped: true };
      }
      const limiters = env.limiters(auth.portalId);
      const now = env.rateClock();
      if (limiters && route.kind === 'api') {
        headers['x-hubspot-ratelimit-max'] = String(limiters.burst.max);
        headers['x-hubspot-ratelimit-interval-milliseconds'] = String(limiters.burst.intervalMs);
      }
      if (decision?.kind === '429') {
        if (limiters && route.kind === 'api') headers['x-hubspot-ratelimit-remaining'] = String(limiters.burst.remaining(now));
        write(res, rateLimitReply(route.kind === 'search' ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING'), headers, false);
        return { portalId, status: 429 };
      }
      if (decision?.kind === '5xx') {
        write(res, { status: decision.status, body: errorBody('INTERNAL_ERROR', 'internal error') }, headers, false);
        return { portalId, status: decision.status };
      }
      if (limiters) {
        const window = route.kind === 'search' ? limiters.search : limiters.burst;
        const accepted = window.take(now);
        if (route.kind === 'api') headers['x-hubspot-ratelimit-remaining'] = String(limiters.burst.remaining(now));
        if (!accepted) {
          write(res, rateLimitReply(route.kind === 'search' ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING'), headers, false);
          return { portalId, status: 429, rateLimited: true };
        }
      }
      malformed = decision?.kind === 'malformed';
    }
    const reply = await route.handler(ctx);
    write(res, reply, headers, malformed && reply.status < 300);
    return { portalId, status: reply.status, malformed };
  } catch (error) {
    const reply = error instanceof HubSpotHttpError
      ? { status: error.status, body: error.body }
      : { status: 500, body: errorBody('INTERNAL_ERROR', error instanceof Error ? error.message : 'internal error') };
    if (!res.headersSent) write(res, reply, headers, false);
    return { portalId, status: reply.status };
  }
};

/** The HTTP entry point: route, authenticate, inject faults, enforce limits, answer, account. */
export const createListener = (env: AppEnv) => (req: IncomingMessage, res: ServerResponse): void => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const match = matchRoute(env.routes, req.method ?? 'GET', url.pathname);
  if (match === null || match === 'method') {
    const status = match === 'method' ? 405 : 404;
    write(res, { status, body: errorBody(status === 404 ? 'OBJECT_NOT_FOUND' : 'VALIDATION_ERROR', `No route for ${req.method ?? ''} ${url.pathname}`) }, {}, false);
    env.stats.record(null, `${req.method ?? ''} (unmatched)`, { status });
    return;
  }
  void serve(env, req, res, url, match).then((outcome) => env.stats.record(outcome.portalId, match.name, outcome));
};
