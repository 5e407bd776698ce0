import type { ErrorCode } from '../shared/errors.ts';
import { codeForHubSpotError } from './error-codes.ts';
import { hubSpotErrorBodySchema } from './schemas.ts';

export interface RetryOptions {
  /** Total attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Source of jitter in [0, 1); injected so a test can pin every wait. */
  random: () => number;
  tenSecondlyWindowMs: number;
  secondlyWindowMs: number;
}

// Eight attempts keep a full read correct even when 15% of responses fail (0.15^8 per request is negligible).
export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
  tenSecondlyWindowMs: 10_000,
  secondlyWindowMs: 1_000,
};

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY';

export interface RetryInput {
  /** Absent when no response arrived (network error, timeout). */
  status?: number;
  /** Response headers with lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: unknown;
  /** Attempts made so far, the one that just failed included (1 after the first failure). */
  attempt: number;
  error?: unknown;
  /** A 2xx whose body did not parse, as when a connection is cut mid-body. */
  unparsableBody?: boolean;
}

export interface RetryDecision {
  retry: boolean;
  waitMs: number;
  reason: string;
  /** Set when the request has failed for good. */
  code?: ErrorCode;
  /** Set on a 429 from a known budget, so the whole portal can wait out that budget, not just this request. */
  rateLimitPolicy?: RateLimitPolicy;
}

const retryAfterMs = (headers: RetryInput['headers']): number | undefined => {
  const value = headers['retry-after'];
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
};

const headerMs = (headers: RetryInput['headers'], name: string): number | undefined => {
  const value = Number(headers[name]);
  return headers[name] !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
};

/** Equal jitter: at least half the exponential step, so waits grow even with an unlucky random source. */
const backoffMs = (attempt: number, options: RetryOptions): number => {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + options.random() * (step / 2));
};

/** Failures another attempt may cure: no answer, a server error, or a success whose body arrived broken. */
const transientFailure = (status: number | undefined, unparsableBody: boolean): [string, ErrorCode] | undefined => {
  if (status === undefined) return ['network error', 'HUBSPOT_NETWORK'];
  if (status >= 500) return [`status ${status}`, 'HUBSPOT_UNAVAILABLE'];
  if (unparsableBody && status < 300) return [`status ${status} with an unparsable body`, 'HUBSPOT_MALFORMED_RESPONSE'];
  return undefined;
};

const stop = (reason: string, code: ErrorCode): RetryDecision => ({ retry: false, waitMs: 0, reason, code });

const decideRateLimited = (input: RetryInput, policyName: string | undefined, options: RetryOptions): RetryDecision => {
  const exhausted = input.attempt >= options.maxAttempts;
  if (policyName === 'TEN_SECONDLY_ROLLING' || policyName === 'SECONDLY') {
    if (exhausted) return { ...stop(`429 ${policyName}: attempts exhausted`, 'HUBSPOT_RATE_LIMITED'), rateLimitPolicy: policyName };
    const retryAfter = retryAfterMs(input.headers);
    const remaining = Number(input.headers['x-hubspot-ratelimit-remaining'] ?? Number.NaN);
    // HubSpot still reporting budget left means this 429 was not about the portal's burst budget: waiting out a
    // whole window would punish every request of the portal for nothing.
    if (policyName === 'TEN_SECONDLY_ROLLING' && retryAfter === undefined && remaining > 0) {
      return { retry: true, waitMs: backoffMs(input.attempt, options), reason: `429 ${policyName} with ${remaining} requests left` };
    }
    const window = policyName === 'SECONDLY'
      ? options.secondlyWindowMs
      : headerMs(input.headers, 'x-hubspot-ratelimit-interval-milliseconds') ?? options.tenSecondlyWindowMs;
    return { retry: true, waitMs: retryAfter ?? window, reason: `429 ${policyName}`, rateLimitPolicy: policyName };
  }
  // A daily (or otherwise named) budget does not refill within a retry's reach.
  if (policyName !== undefined) return stop(`429 ${policyName}: not retried`, 'HUBSPOT_RATE_LIMITED');
  if (exhausted) return stop('429: attempts exhausted', 'HUBSPOT_RATE_LIMITED');
  return { retry: true, waitMs: retryAfterMs(input.headers) ?? backoffMs(input.attempt, options), reason: '429 without policy' };
};

/** Pure decision about one failed attempt: retry after waitMs, or stop with a catalogue code. */
export const decideRetry = (input: RetryInput, options: RetryOptions = defaultRetryOptions): RetryDecision => {
  const parsed = hubSpotErrorBodySchema.safeParse(input.body);
  const body = parsed.success ? parsed.data : {};
  const { status } = input;
  if (status !== undefined && status < 400 && !input.unparsableBody) return { retry: false, waitMs: 0, reason: `status ${status}` };
  if (status === 429) return decideRateLimited(input, body.policyName, options);
  const transient = transientFailure(status, input.unparsableBody === true);
  if (transient) {
    const [what, code] = transient;
    if (input.attempt >= options.maxAttempts) return stop(`${what}: attempts exhausted`, code);
    return { retry: true, waitMs: backoffMs(input.attempt, options), reason: what };
  }
  return stop(`status ${status}${body.category ? ` ${body.category}` : ''}: not retried`, codeForHubSpotError(status, body.category));
};
