import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as spec from '../hubspot/spec-shapes.ts';
import { postForm, useEmulator, V, type Answer } from './emulator-kit.ts';

// The emulator against HubSpot's published 2026-03 schemas (tests/hubspot/spec-shapes.ts), answer by answer; where
// it knowingly differs, emulator/README.md says how and why.
const env = useEmulator({ clientId: 'cid', clientSecret: 'secret', appId: 77 });
const redirectUri = 'http://127.0.0.1:9/oauth/callback';

const conforms = (answer: Answer, status: number, schema: z.ZodType) => {
  expect(answer.status).toBe(status);
  const parsed = schema.safeParse(answer.body);
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
};
const companyIds = (n: number) => env.emulator.portals[0]!.companies.slice(0, n).map((c) => c.id);

describe('the emulator answers in HubSpot\'s published shapes', () => {
  it('when a company is read and companies are listed with associations, then both are SimplePublicObject answers with forward paging', async () => {
    const [id] = companyIds(1);
    conforms(await env.api.get(`${V}/companies/${id}?properties=name,industry,annualrevenue`), 200, spec.simplePublicObject);
    const page = await env.api.get(`${V}/companies?limit=5&properties=name&properties=industry&associations=contacts`);
    conforms(page, 200, spec.listPage);
    expect((page.body.results as { properties: Record<string, unknown> }[])[0]?.properties).toHaveProperty('industry');
  });

  it('when companies are searched, then the answer has total, results and, while more remain, paging.next.after', async () => {
    const answer = await env.api.post(`${V}/companies/search`, {
      filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '0' }] }],
      sorts: ['hs_lastmodifieddate'], properties: ['name'], limit: 3,
    });
    conforms(answer, 200, spec.searchPage);
    expect(answer.body.paging).toBeDefined();
  });

  it('when a batch update names an id that does not exist, then it is a 207 whose error is a full StandardError', async () => {
    const [id] = companyIds(1);
    conforms(await env.api.post(`${V}/companies/batch/update`, { inputs: [{ id, properties: { name: 'Renamed' } }, { id: '999999999', properties: { name: 'x' } }] }), 207, spec.batchResponseWithErrors);
    conforms(await env.api.post(`${V}/companies/batch/read`, { inputs: companyIds(3).map((i) => ({ id: i })), properties: ['name'] }), 200, spec.batchResponse);
  });

  it('when associations are batch read on the dated path, then ids are strings and a company without any is a StandardError in a 207', async () => {
    const answer = await env.api.post('/crm/associations/2026-03/companies/contacts/batch/read', { inputs: [...companyIds(10), '999999999'].map((id) => ({ id })) });
    conforms(answer, 207, spec.associationsBatch);
  });

  it("when a company's owner is read, then it is a PublicOwner named as the generated portal names them, and an unknown owner is the spec's Error in a 404", async () => {
    const owner = env.emulator.portals[0]!.owners[0]!;
    const answer = await env.api.get(`/crm/owners/2026-03/${owner.id}`);
    conforms(answer, 200, spec.publicOwner);
    expect(answer.body).toMatchObject({ id: owner.id, firstName: owner.firstName, lastName: owner.lastName, email: owner.email });
    conforms(await env.api.get('/crm/owners/2026-03/999999999'), 404, spec.errorShape);
  });

  it('when the owners are listed, then each page is the spec\'s forward-paged collection and the pages together are the portal\'s owners', async () => {
    const { owners } = env.emulator.portals[0]!;
    const first = await env.api.get('/crm/owners/2026-03?limit=2');
    conforms(first, 200, spec.ownersPage);
    const after = (first.body.paging as { next: { after: string } }).next.after;
    const rest = await env.api.get(`/crm/owners/2026-03?limit=500&after=${after}`);
    conforms(rest, 200, spec.ownersPage);
    expect(rest.body.paging).toBeUndefined();
    expect([...(first.body.results as { id: string }[]), ...(rest.body.results as { id: string }[])].map((o) => o.id)).toEqual(owners.map((o) => o.id));
    conforms(await env.api.get('/crm/owners/2026-03?limit=501'), 400, spec.errorShape);
  });

  it('when a write is refused or a token is missing, then the error body is the spec\'s Error with a uuid correlationId', async () => {
    const [id] = companyIds(1);
    conforms(await env.api.patch(`${V}/companies/${id}`, { properties: { no_such_property_here: 'x' } }), 400, spec.errorShape);
    const response = await fetch(`${env.emulator.baseUrl}${V}/companies`);
    expect(response.status).toBe(401);
    expect(spec.errorShape.safeParse(await response.json()).success).toBe(true);
  });

  it('when the portal\'s budget is spent, then the 429 is the body HubSpot\'s rate-limit documentation shows', async () => {
    env.emulator.setFaults({ seed: 1, rate429: 1 });
    conforms(await env.api.get(`${V}/companies?limit=1`), 429, spec.rateLimitBody);
  });

  it('when properties are listed, then each is a Property with its options', async () => {
    conforms(await env.api.get('/crm/properties/2026-03/companies'), 200, spec.propertyList);
  });

  it('when the app is installed through OAuth and its token introspected, then both answers are the spec\'s token shapes', async () => {
    const url = new URL('/oauth/authorize', env.emulator.baseUrl);
    for (const [k, v] of Object.entries({ client_id: 'cid', redirect_uri: redirectUri, scope: 'oauth crm.objects.companies.read', state: 's' })) url.searchParams.set(k, v);
    const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? 'http://none/').searchParams.get('code') ?? '';
    const grant = await postForm(env.emulator.baseUrl, '/oauth/v3/token', { client_id: 'cid', client_secret: 'secret', grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    conforms(grant, 200, spec.accessTokenResponse);
    const info = await postForm(env.emulator.baseUrl, '/oauth/v3/token/introspect', { client_id: 'cid', client_secret: 'secret', token: String(grant.body.access_token) });
    conforms(info, 200, spec.accessTokenInfo);
  });
});
