import { describe, expect, it } from 'vitest';
import { decideRetry, defaultRetryOptions, type RetryOptions } from '../../src/hubspot/retry-policy.ts';

const options = (random: number, overrides: Partial<RetryOptions> = {}): RetryOptions =>
  ({ ...defaultRetryOptions, random: () => random, ...overrides });

const rateLimitBody = (policyName?: string) => ({
  status: 'error', message: 'You have reached your limit.', errorType: 'RATE_LIMIT', correlationId: 'c-1', policyName, requestId: 'r-1',
});

describe('decideRetry', () => {
  it.each([
    { name: 'a ten-secondly 429 with Retry-After waits exactly that long', headers: { 'retry-after': '3' }, policyName: 'TEN_SECONDLY_ROLLING', waitMs: 3000 },
    { name: 'a ten-secondly 429 without Retry-After waits the interval HubSpot reports', headers: { 'x-hubspot-ratelimit-interval-milliseconds': '2500' }, policyName: 'TEN_SECONDLY_ROLLING', waitMs: 2500 },
    { name: 'a ten-secondly 429 with no hints waits the whole 10 s window', headers: {}, policyName: 'TEN_SECONDLY_ROLLING', waitMs: 10_000 },
    { name: 'a secondly (search) 429 waits one second', headers: {}, policyName: 'SECONDLY', waitMs: 1000 },
    { name: 'a secondly 429 with a fractional Retry-After rounds up to the millisecond', headers: { 'retry-after': '0.25' }, policyName: 'SECONDLY', waitMs: 250 },
  ])('when $name, then it retries', ({ headers, policyName, waitMs }) => {
    const decision = decideRetry({ status: 429, headers, body: rateLimitBody(policyName), attempt: 1 }, options(0.5));
    expect(decision).toMatchObject({ retry: true, waitMs, rateLimitPolicy: policyName });
    expect(decision.code).toBeUndefined();
  });

  it.each([
    { remaining: '37', retryAfter: undefined, expected: { retry: true, waitMs: 375 } },
    { remaining: '0', retryAfter: undefined, expected: { retry: true, waitMs: 10_000, rateLimitPolicy: 'TEN_SECONDLY_ROLLING' } },
    { remaining: '37', retryAfter: '4', expected: { retry: true, waitMs: 4_000, rateLimitPolicy: 'TEN_SECONDLY_ROLLING' } },
  ])('when a ten-secondly 429 reports $remaining requests left and Retry-After $retryAfter, then it waits as $expected', ({ remaining, retryAfter, expected }) => {
    const headers = { 'x-hubspot-ratelimit-remaining': remaining, 'retry-after': retryAfter };
    const decision = decideRetry({ status: 429, headers, body: rateLimitBody('TEN_SECONDLY_ROLLING'), attempt: 1 }, options(0.5));
    expect(decision).toEqual(expect.objectContaining(expected));
    if (!('rateLimitPolicy' in expected)) expect(decision.rateLimitPolicy).toBeUndefined();
  });

  it('when a 429 names a daily budget, then it is not retried and surfaces as rate limited', () => {
    const decision = decideRetry({ status: 429, headers: {}, body: rateLimitBody('DAILY'), attempt: 1 }, options(0.5));
    expect(decision).toMatchObject({ retry: false, code: 'HUBSPOT_RATE_LIMITED' });
  });

  it('when a 429 carries no policy name but a Retry-After, then it waits per Retry-After', () => {
    expect(decideRetry({ status: 429, headers: { 'retry-after': '2' }, body: 'Too many requests', attempt: 1 }, options(0.5)))
      .toMatchObject({ retry: true, waitMs: 2000 });
  });

  it.each([
    { status: 500, attempt: 1, random: 0, waitMs: 250 },
    { status: 502, attempt: 1, random: 0.999999, waitMs: 500 },
    { status: 503, attempt: 2, random: 0.5, waitMs: 750 },
    { status: 504, attempt: 4, random: 0, waitMs: 2000 },
    { status: 500, attempt: 7, random: 1 - 1e-9, waitMs: 30_000 },
    { status: undefined, attempt: 3, random: 0.5, waitMs: 1500 },
  ])('when status $status fails attempt $attempt with jitter $random, then it backs off $waitMs ms', ({ status, attempt, random, waitMs }) => {
    const decision = decideRetry({ status, headers: {}, body: undefined, attempt, error: status === undefined ? new TypeError('fetch failed') : undefined }, options(random));
    expect(decision).toMatchObject({ retry: true, waitMs });
  });

  it('when the backoff would pass the cap, then the wait stays within the cap whatever the jitter', () => {
    const waits = [0, 0.3, 0.7, 0.99].map((random) =>
      decideRetry({ status: 503, headers: {}, body: undefined, attempt: 7 }, options(random, { maxAttempts: 20 })).waitMs);
    expect(Math.max(...waits)).toBeLessThanOrEqual(defaultRetryOptions.maxDelayMs);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(defaultRetryOptions.maxDelayMs / 2);
  });

  it('when a success arrives with a body cut short, then it is retried like a dropped connection', () => {
    expect(decideRetry({ status: 200, headers: {}, body: undefined, attempt: 2, unparsableBody: true }, options(0.5)))
      .toMatchObject({ retry: true, waitMs: 750 });
  });

  it.each([
    { status: 200, error: undefined, code: 'HUBSPOT_MALFORMED_RESPONSE' },
    { status: 503, error: undefined, code: 'HUBSPOT_UNAVAILABLE' },
    { status: undefined, error: new TypeError('fetch failed'), code: 'HUBSPOT_NETWORK' },
    { status: 429, error: undefined, code: 'HUBSPOT_RATE_LIMITED' },
  ])('when attempts are exhausted on status $status, then it stops with $code', ({ status, error, code }) => {
    const body = status === 429 ? rateLimitBody('TEN_SECONDLY_ROLLING') : undefined;
    const decision = decideRetry({ status, headers: {}, body, attempt: 3, error, unparsableBody: status === 200 }, options(0.5, { maxAttempts: 3 }));
    expect(decision).toMatchObject({ retry: false, code });
  });

  it.each([
    { status: 400, category: 'VALIDATION_ERROR', code: 'HUBSPOT_VALIDATION' },
    { status: 400, category: undefined, code: 'HUBSPOT_VALIDATION' },
    { status: 401, category: 'INVALID_AUTHENTICATION', code: 'HUBSPOT_UNAUTHORIZED' },
    { status: 401, category: undefined, code: 'HUBSPOT_UNAUTHORIZED' },
    { status: 403, category: 'MISSING_SCOPES', code: 'HUBSPOT_MISSING_SCOPE' },
    { status: 403, category: undefined, code: 'HUBSPOT_MISSING_SCOPE' },
    { status: 400, category: 'MISSING_SCOPES', code: 'HUBSPOT_MISSING_SCOPE' },
    { status: 404, category: 'OBJECT_NOT_FOUND', code: 'HUBSPOT_NOT_FOUND' },
    { status: 409, category: 'CONFLICT', code: 'HUBSPOT_CONFLICT' },
    { status: 422, category: undefined, code: 'HUBSPOT_VALIDATION' },
  ])('when HubSpot answers $status $category, then it is not retried and maps to $code', ({ status, category, code }) => {
    const body = { status: 'error', message: 'nope', correlationId: 'c-2', category };
    expect(decideRetry({ status, headers: {}, body, attempt: 1 }, options(0.5))).toMatchObject({ retry: false, waitMs: 0, code });
  });

  it('when the response succeeded, then there is nothing to retry and no error code', () => {
    const decision = decideRetry({ status: 200, headers: {}, body: {}, attempt: 1 }, options(0.5));
    expect(decision.retry).toBe(false);
    expect(decision.code).toBeUndefined();
  });
});
