import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import type { Timers } from '../../src/hubspot/rate-limiter.ts';
import type { RequestEvent } from '../../src/hubspot/request.ts';
import { AppError } from '../../src/shared/errors.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { BASE_URL, PORTAL, hubSpotRecord, logSink, testClient, tokenProvider, useNockOnly } from './hubspot-test-kit.ts';

const path = '/crm/objects/2026-03/companies/7';
const endpoint = 'GET /crm/objects/2026-03/companies/{id}';
const errorBody = (category: string, message = 'nope') => ({ status: 'error', message, correlationId: 'corr-9', category });
const rateLimitBody = (policyName: string) => ({
  status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: 'corr-1', policyName, requestId: 'req-1',
});

const fetchCompany = (portal = testClient().portal) => portal.getObject('companies', '7', ['name']);

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

useNockOnly();

describe('HubSpot client requests', () => {
  it('when a company is fetched, then the request carries the bearer token and asks for the named properties', async () => {
    nock(BASE_URL, { reqheaders: { authorization: 'Bearer token-1' } })
      .get(path).query({ properties: 'name,domain' })
      .reply(200, hubSpotRecord(7, { name: 'Acme', domain: 'acme.test' }));
    const company = await testClient().portal.getObject('companies', '7', ['name', 'domain']);
    expect(company.properties).toMatchObject({ name: 'Acme', domain: 'acme.test' });
  });

  it.each<{ policyName: string; headers: Record<string, string>; waited: number }>([
    { policyName: 'TEN_SECONDLY_ROLLING', headers: { 'Retry-After': '2' }, waited: 2_000 },
    { policyName: 'TEN_SECONDLY_ROLLING', headers: {}, waited: 10_000 },
    { policyName: 'SECONDLY', headers: {}, waited: 1_000 },
  ])('when HubSpot answers 429 $policyName with headers $headers, then the portal waits $waited ms and the retry succeeds', async ({ policyName, headers, waited }) => {
    nock(BASE_URL).get(path).query(true).reply(429, rateLimitBody(policyName), headers);
    nock(BASE_URL).get(path).query(true).reply(200, hubSpotRecord(7, { name: 'Acme' }));
    const { client, portal, timers } = testClient();
    const started = timers.now();

    const company = await fetchCompany(portal);

    expect(company.id).toBe('7');
    expect(timers.now() - started).toBe(waited);
    expect(client.stats(PORTAL)).toMatchObject({ requests: 2, rateLimited: 1, retries: 1, failures: 0 });
  });

  it('when HubSpot fails with 5xx twice and then answers, then the record arrives after two growing backoffs', async () => {
    nock(BASE_URL).get(path).query(true).reply(502, 'Bad gateway');
    nock(BASE_URL).get(path).query(true).reply(503, errorBody('SERVICE_UNAVAILABLE'));
    nock(BASE_URL).get(path).query(true).reply(200, hubSpotRecord(7));
    const { portal, timers } = testClient();

    await expect(fetchCompany(portal)).resolves.toMatchObject({ id: '7' });
    expect(timers.slept).toEqual([375, 750]);
  });

  it.each([
    { name: '5xx', reply: (scope: nock.Interceptor) => scope.reply(503, errorBody('SERVICE_UNAVAILABLE')), code: 'HUBSPOT_UNAVAILABLE' },
    { name: 'dropped connections', reply: (scope: nock.Interceptor) => scope.replyWithError('socket hang up'), code: 'HUBSPOT_NETWORK' },
    { name: '429s', reply: (scope: nock.Interceptor) => scope.reply(429, rateLimitBody('TEN_SECONDLY_ROLLING')), code: 'HUBSPOT_RATE_LIMITED' },
  ])('when every attempt meets $name, then after the last attempt the call fails with $code naming the endpoint', async ({ reply, code }) => {
    reply(nock(BASE_URL).get(path).query(true).times(3));
    const { client, portal } = testClient({ retry: { maxAttempts: 3, random: () => 0.5 } });

    const error = await rejection(fetchCompany(portal));

    expect(error.code).toBe(code);
    expect(error.message).toContain(endpoint);
    expect(client.stats(PORTAL)).toMatchObject({ requests: 3, retries: 2, failures: 1 });
  });

  it.each([
    { name: 'a record without properties', body: { id: '7', createdAt: 'x', updatedAt: 'y' } },
    { name: 'a property value that is a number', body: { ...hubSpotRecord(7), properties: { name: 42 } } },
    { name: 'a list where a record was expected', body: { results: [hubSpotRecord(7)] } },
  ])('when HubSpot returns $name, then the call fails as a malformed response from that endpoint without retrying', async ({ body }) => {
    nock(BASE_URL).get(path).query(true).reply(200, body);
    const { client, portal } = testClient();

    const error = await rejection(fetchCompany(portal));

    expect(error.code).toBe('HUBSPOT_MALFORMED_RESPONSE');
    expect(error.message).toContain(endpoint);
    expect(client.stats(PORTAL)).toMatchObject({ requests: 1, retries: 0, failures: 1 });
  });

  it('when a body arrives cut short, then the request is asked again and the whole record is returned', async () => {
    nock(BASE_URL).get(path).query(true).reply(200, JSON.stringify(hubSpotRecord(7)).slice(0, 40));
    nock(BASE_URL).get(path).query(true).reply(200, hubSpotRecord(7, { name: 'Acme' }));
    const { client, portal } = testClient();

    await expect(fetchCompany(portal)).resolves.toMatchObject({ id: '7', properties: { name: 'Acme' } });
    expect(client.stats(PORTAL)).toMatchObject({ requests: 2, retries: 1 });
  });

  it.each([
    { name: 'a body that is not JSON', body: '<html>oops</html>' },
    { name: 'an empty body', body: '' },
  ])('when HubSpot keeps returning $name, then after the last attempt the call fails as a malformed response', async ({ body }) => {
    nock(BASE_URL).get(path).query(true).times(3).reply(200, body);
    const { client, portal } = testClient({ retry: { maxAttempts: 3, random: () => 0.5 } });

    const error = await rejection(fetchCompany(portal));

    expect(error.code).toBe('HUBSPOT_MALFORMED_RESPONSE');
    expect(error.message).toContain(endpoint);
    expect(client.stats(PORTAL)).toMatchObject({ requests: 3, failures: 1 });
  });

  it.each([
    { status: 400, category: 'VALIDATION_ERROR', code: 'HUBSPOT_VALIDATION' },
    { status: 403, category: 'MISSING_SCOPES', code: 'HUBSPOT_MISSING_SCOPE' },
    { status: 404, category: 'OBJECT_NOT_FOUND', code: 'HUBSPOT_NOT_FOUND' },
    { status: 409, category: 'CONFLICT', code: 'HUBSPOT_CONFLICT' },
  ])('when HubSpot answers $status $category, then one request is made and the call fails with $code', async ({ status, category, code }) => {
    nock(BASE_URL).get(path).query(true).reply(status, errorBody(category, 'HubSpot says no'));
    const { client, portal } = testClient();

    const error = await rejection(fetchCompany(portal));

    expect(error).toMatchObject({ code, details: { status, category, correlationId: 'corr-9', endpoint } });
    expect(error.message).toContain('HubSpot says no');
    expect(client.stats(PORTAL)).toMatchObject({ requests: 1, retries: 0, failures: 1 });
  });

  it('when a token is rejected once, then the provider is told to drop it and the retry uses a fresh token', async () => {
    nock(BASE_URL, { reqheaders: { authorization: 'Bearer stale' } }).get(path).query(true).reply(401, errorBody('INVALID_AUTHENTICATION'));
    nock(BASE_URL, { reqheaders: { authorization: 'Bearer fresh' } }).get(path).query(true).reply(200, hubSpotRecord(7));
    const tokens = tokenProvider(['stale', 'fresh']);

    await expect(fetchCompany(testClient({ tokenProvider: tokens }).portal)).resolves.toMatchObject({ id: '7' });
    expect(tokens.invalidated).toEqual([PORTAL]);
  });

  it('when the fresh token is rejected too, then the call fails as unauthorized after a single renewal', async () => {
    nock(BASE_URL).get(path).query(true).times(2).reply(401, errorBody('INVALID_AUTHENTICATION'));
    const tokens = tokenProvider(['stale', 'also-stale']);

    const error = await rejection(fetchCompany(testClient({ tokenProvider: tokens }).portal));

    expect(error.code).toBe('HUBSPOT_UNAUTHORIZED');
    expect(tokens.invalidated).toEqual([PORTAL]);
  });

  it('when requests fail and are retried, then the logs name the portal and endpoint but never the token', async () => {
    nock(BASE_URL).get(path).query(true).reply(503, errorBody('SERVICE_UNAVAILABLE'));
    nock(BASE_URL).get(path).query(true).reply(403, errorBody('MISSING_SCOPES'));
    const sink = logSink();

    await rejection(fetchCompany(testClient({ logger: sink.logger, tokenProvider: tokenProvider(['secret-token-xyz']) }).portal));

    const logged = sink.lines.join('\n');
    expect(sink.lines.length).toBeGreaterThanOrEqual(2);
    expect(logged).toContain(endpoint);
    expect(logged).toContain(`"portalId":${PORTAL}`);
    expect(logged).not.toContain('secret-token-xyz');
  });

  it('when requests are made, then accounting counts them per endpoint and each attempt is reported', async () => {
    nock(BASE_URL).get(path).query(true).reply(429, rateLimitBody('TEN_SECONDLY_ROLLING'), { 'Retry-After': '1' });
    nock(BASE_URL).get(path).query(true).reply(200, hubSpotRecord(7));
    nock(BASE_URL).post('/crm/objects/2026-03/companies/search').reply(200, { total: 12, results: [] });
    const events: RequestEvent[] = [];
    const { client, portal } = testClient({ onRequest: (event) => events.push(event) });

    await fetchCompany(portal);
    await portal.countObjects('companies');

    expect(client.stats(PORTAL).byEndpoint).toEqual({
      [endpoint]: { requests: 2, rateLimited: 1, retries: 1, failures: 0 },
      'POST /crm/objects/2026-03/companies/search': { requests: 1, rateLimited: 0, retries: 0, failures: 0 },
    });
    expect(events.map((e) => [e.endpoint, e.attempt, e.status])).toEqual([[endpoint, 1, 429], [endpoint, 2, 200], ['POST /crm/objects/2026-03/companies/search', 1, 200]]);
    expect(client.stats(999)).toMatchObject({ requests: 0, byEndpoint: {} });
  });

  it('when one portal is waiting out a 429, then another portal is served meanwhile', async () => {
    const gate = gatedTimers();
    const client = createHubSpotClient({ baseUrl: BASE_URL, tokenProvider: tokenProvider(), logger: createLogger({ level: 'silent' }), timers: gate.timers });
    nock(BASE_URL).get(path).query(true).reply(429, rateLimitBody('TEN_SECONDLY_ROLLING'), { 'Retry-After': '10' });
    nock(BASE_URL).get(path).query(true).reply(200, hubSpotRecord(7));
    nock(BASE_URL).get('/crm/objects/2026-03/companies/8').query(true).reply(200, hubSpotRecord(8));

    const slowPortal = client.forPortal(1).getObject('companies', '7', ['name']);
    await gate.waitingFor(10_000);
    const other = await client.forPortal(2).getObject('companies', '8', ['name']);

    expect(other.id).toBe('8');
    expect(client.stats(1)).toMatchObject({ requests: 1, rateLimited: 1 });
    gate.release();
    await expect(slowPortal).resolves.toMatchObject({ id: '7' });
  });

  it('when the base URL is not a URL, then the client refuses to start', () => {
    expect(() => testClient({ baseUrl: 'api.hubapi.com' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

/** Sleeps that last until the test releases them: shows what happens while a portal is still waiting. */
function gatedTimers() {
  let now = 0;
  const sleepers: Array<{ ms: number; wake: () => void }> = [];
  let onSleep: (() => void) | undefined;
  const timers: Timers = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => {
      sleepers.push({ ms, wake });
      onSleep?.();
    }),
  };
  return {
    timers,
    waitingFor: (ms: number) => new Promise<void>((resolve) => {
      onSleep = () => { if (sleepers.some((s) => s.ms === ms)) resolve(); };
      onSleep();
    }),
    release: () => {
      now += Math.max(...sleepers.map((s) => s.ms));
      sleepers.splice(0).forEach((s) => s.wake());
    },
  };
}
