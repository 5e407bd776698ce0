import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createOAuthClient } from '../../src/hubspot/oauth.ts';
import { AppError } from '../../src/shared/errors.ts';
import { BASE_URL, collect, testClient, useNockOnly } from './hubspot-test-kit.ts';
import * as spec from './spec-shapes.ts';

/** A recorded shape: hand-written JSON following the example answers of HubSpot's 2026-03 OpenAPI specs. */
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const V = '/crm/objects/2026-03';

useNockOnly();

describe('the recorded shapes follow HubSpot\'s published schemas', () => {
  it.each<[string, z.ZodType]>([
    ['company', spec.simplePublicObject], ['companies-page', spec.listPage], ['search-page', spec.searchPage],
    ['batch-update-207', spec.batchResponseWithErrors], ['associations-207', spec.associationsBatch], ['error-validation', spec.errorShape],
    ['rate-limit-429', spec.rateLimitBody], ['token', spec.accessTokenResponse], ['introspect', spec.accessTokenInfo], ['properties', spec.propertyList],
    ['owners-page', spec.ownersPage],
  ])('when %s.json is read, then it satisfies the spec\'s schema', (name, schema) => {
    const parsed = schema.safeParse(fixture(name));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});

describe('the door reads HubSpot\'s own shapes, not only the emulator\'s', () => {
  it('when a company is fetched, then a property HubSpot sends as null reads as null and the rest as sent', async () => {
    nock(BASE_URL).get(`${V}/companies/512`).query(true).reply(200, fixture('company'));
    const company = await testClient().portal.getObject('companies', '512', ['name', 'industry', 'annualrevenue']);
    expect(company.properties).toMatchObject({ name: 'Northwind Analytics', industry: 'COMPUTER_SOFTWARE', annualrevenue: null });
  });

  it('when a list page carries paging.next.after, then the door asks for the next page with that cursor and ends on a page without it', async () => {
    const last = { results: [] };
    nock(BASE_URL).get(`${V}/companies`).query((q) => q.after === undefined).reply(200, fixture('companies-page'))
      .get(`${V}/companies`).query((q) => q.after === '514').reply(200, last);
    const pages = await collect(testClient().portal.listObjects('companies', { properties: ['name'], associations: ['contacts'] }));
    expect(pages.map((p) => [p.results.map((r) => r.id), p.nextAfter])).toEqual([[['512', '513'], '514'], [[], undefined]]);
  });

  it('when the owners list carries paging.next.after, then the door reads every page and names each owner by name, else by nothing', async () => {
    nock(BASE_URL).get('/crm/owners/2026-03').query((q) => q.after === undefined && q.limit === '500').reply(200, fixture('owners-page'))
      .get('/crm/owners/2026-03').query((q) => q.after === '41629781').reply(200, { results: [] });
    expect(await testClient().portal.listOwners()).toEqual([
      { id: '41629779', name: 'Robin Ortiz', email: 'robin.ortiz@example.com' },
      { id: '41629780', name: null, email: 'sam@example.com' },
    ]);
  });

  it('when a search answers with total and no paging, then the door yields its records and stops', async () => {
    nock(BASE_URL).post(`${V}/companies/search`).reply(200, fixture('search-page'));
    const pages = await collect(testClient().portal.searchModifiedSince('companies', { sinceMs: Date.parse('2026-10-01T00:00:00Z'), properties: ['name'] }));
    expect(pages.flatMap((p) => p.results.map((r) => r.id))).toEqual(['513', '512']);
    expect(pages.at(-1)?.lastModifiedMs).toBe(Date.parse('2026-10-30T14:05:11.482Z'));
  });

  it('when a batch update answers 207 with a StandardError naming one id, then that id fails with HubSpot\'s reason and the other is updated', async () => {
    nock(BASE_URL).post(`${V}/companies/batch/update`).reply(207, fixture('batch-update-207'));
    const result = await testClient().portal.batchUpdate('companies', [
      { id: '512', properties: { waypoint_health_score: '82' } }, { id: '777', properties: { waypoint_health_score: '40' } },
    ]);
    expect(result.updated).toEqual(['512']);
    expect(result.failed).toEqual([expect.objectContaining({ id: '777', code: 'HUBSPOT_NOT_FOUND' })]);
  });

  it('when associations come back with string ids and a NO_ASSOCIATIONS_FOUND error, then ids are read as sent and that company simply has none', async () => {
    nock(BASE_URL).post('/crm/associations/2026-03/companies/contacts/batch/read').reply(207, fixture('associations-207'));
    const { byId, failed } = await testClient().portal.batchReadAssociations('companies', 'contacts', ['512', '513']);
    expect(byId.get('512')).toEqual(['9001', '9002']);
    expect(byId.get('513')).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('when HubSpot refuses a write with its Error body, then the door fails with a validation error carrying HubSpot\'s message', async () => {
    nock(BASE_URL).patch(`${V}/companies/512`).reply(400, fixture('error-validation'));
    const error = await testClient().portal.request({ method: 'PATCH', path: `${V}/companies/512`, body: { properties: { waypoint_cohort: 'x' } }, schema: spec.simplePublicObject })
      .then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('HUBSPOT_VALIDATION');
    expect((error as AppError).message).toContain('waypoint_cohort was not one of the allowed options');
  });

  it('when HubSpot answers its documented 429 body, then the door waits and retries, and the retry\'s answer is what the caller gets', async () => {
    nock(BASE_URL).get(`${V}/companies/512`).query(true).reply(429, fixture('rate-limit-429'))
      .get(`${V}/companies/512`).query(true).reply(200, fixture('company'));
    const { portal, timers } = testClient();
    expect((await portal.getObject('companies', '512', ['name'])).id).toBe('512');
    expect(timers.slept.length).toBeGreaterThan(0);
  });

  it('when the OAuth token and introspection answers are HubSpot\'s, then the install reads the grant, the hub and the scopes', async () => {
    const auth = 'https://api.hubapi.test';
    nock(auth).post('/oauth/v3/token').reply(200, fixture('token')).post('/oauth/v3/token/introspect').reply(200, fixture('introspect'));
    const oauth = createOAuthClient({ apiBaseUrl: auth, authBaseUrl: 'https://app.hubspot.test', clientId: 'c', clientSecret: 's', redirectUri: 'https://waypoint.example.com/oauth/callback' });
    const grant = await oauth.exchangeCode('code-1');
    expect(grant).toEqual({ accessToken: fixture('token').access_token, refreshToken: '6f18f21e-a743-4509-b7fd-1a5e632fffa1', expiresInSeconds: 1800 });
    expect(await oauth.introspect(grant.accessToken)).toEqual({
      active: true, hubId: 4242001, hubDomain: 'northwind.hubspot.com', scopes: ['oauth', 'crm.objects.companies.read', 'crm.objects.companies.write'],
    });
  });
});
