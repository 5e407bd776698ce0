import { describe, expect, it } from 'vitest';
import { useEmulator, V } from './emulator-kit.ts';

const env = useEmulator({ limits: { enabled: false } });

type HubSpotObject = { id: string; properties: Record<string, unknown>; createdAt: string; updatedAt: string; archived: boolean };

const expectHubSpotObject = (o: HubSpotObject) => {
  expect(o.id).toMatch(/^\d+$/);
  for (const value of Object.values(o.properties)) expect(value === null || typeof value === 'string').toBe(true);
  expect(Date.parse(o.createdAt)).not.toBeNaN();
  expect(Date.parse(o.updatedAt)).not.toBeNaN();
  expect(o.archived).toBe(false);
};

const expectErrorBody = (body: Record<string, unknown>, category: string) => {
  expect(body).toMatchObject({ status: 'error', category });
  expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  expect(typeof body.message).toBe('string');
};

describe('emulated CRM object endpoints', () => {
  it('when every company is listed 100 at a time, then it takes ceil(n/100) pages following paging.next.after and returns each company once', async () => {
    const { api, emulator } = env;
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await api.get(`${V}/companies?limit=100&properties=name,annual_recurring_revenue${after ? `&after=${after}` : ''}`);
      expect(page.status).toBe(200);
      pages++;
      for (const company of page.body.results as HubSpotObject[]) {
        expectHubSpotObject(company);
        expect(Object.keys(company.properties).sort()).toEqual(['annual_recurring_revenue', 'name']);
        seen.add(company.id);
      }
      after = (page.body.paging as { next?: { after: string } } | undefined)?.next?.after;
    } while (after);
    expect(pages).toBe(Math.ceil(emulator.portals[0]!.companies.length / 100));
    expect(seen.size).toBe(emulator.portals[0]!.companies.length);
  });

  it('when calls are listed with their companies, then each carries a company association and the default properties', async () => {
    const page = await env.api.get(`${V}/calls?limit=5&associations=companies`);
    const calls = page.body.results as (HubSpotObject & { associations: { companies: { results: { id: string; type: string }[] } } })[];
    expect(calls).toHaveLength(5);
    for (const call of calls) {
      expectHubSpotObject(call);
      expect(call.properties).toHaveProperty('hs_lastmodifieddate');
      expect(call.associations.companies.results[0]).toMatchObject({ type: 'call_to_company' });
    }
  });

  it('when an unknown object is fetched, then the answer is 404 with HubSpot\'s error body', async () => {
    const missing = await env.api.get(`${V}/companies/42`);
    expect(missing.status).toBe(404);
    expectErrorBody(missing.body, 'OBJECT_NOT_FOUND');
  });

  it('when a batch read mixes known and unknown ids, then it answers 207 with the found records and the missing ids in errors', async () => {
    const [first] = env.emulator.portals[0]!.companies;
    const answer = await env.api.post(`${V}/companies/batch/read`, { inputs: [{ id: first!.id }, { id: '77' }], properties: ['domain'] });
    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({ status: 'COMPLETE', numErrors: 1, results: [{ id: first!.id, properties: { domain: first!.properties.domain } }] });
    expect(answer.body.errors).toEqual([expect.objectContaining({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['77'] } })]);
    expect(typeof answer.body.startedAt).toBe('string');
  });

  it('when companies are batch updated with an app token, then the values change, unknown ids come back as per-input errors, and history names the app', async () => {
    const { api, emulator } = env;
    const id = emulator.portals[0]!.companies[3]!.id;
    const answer = await api.post(`${V}/companies/batch/update`, { inputs: [{ id, properties: { use_case: 'health scoring', seats_purchased: 40 } }, { id: '12' , properties: { use_case: 'x' } }] });
    expect(answer.status).toBe(207);
    expect(answer.body.errors).toEqual([expect.objectContaining({ category: 'OBJECT_NOT_FOUND', context: { ids: ['12'] } })]);
    const read = await api.get(`${V}/companies/${id}?properties=use_case,seats_purchased&propertiesWithHistory=use_case`);
    expect(read.body.properties).toMatchObject({ use_case: 'health scoring', seats_purchased: '40' });
    const history = (read.body.propertiesWithHistory as Record<string, { sourceType: string; sourceId: string }[]>).use_case;
    expect(history?.[0]).toMatchObject({ sourceType: 'INTEGRATION', sourceId: `app-${emulator.appId}` });
  });

  it.each([
    ['an unknown property', { nonexistent_prop: 'x' }],
    ['a number property given text', { seats_purchased: 'many' }],
    ['an option outside the enumeration', { churn_reason: 'aliens' }],
    ['a read-only property', { hs_object_id: '5' }],
  ])('when a batch update writes %s, then the whole batch is refused with a 400 naming the property', async (_case, properties) => {
    const id = env.emulator.portals[0]!.companies[4]!.id;
    const answer = await env.api.post(`${V}/companies/batch/update`, { inputs: [{ id, properties }] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect(answer.body.message).toContain(Object.keys(properties)[0]);
  });

  it('when feedback submissions are written, then the emulator refuses and the submission is unchanged', async () => {
    const submission = env.emulator.portals[0]!.children(0).feedback_submissions[0] ?? env.emulator.portals[0]!.children(1).feedback_submissions[0];
    const answer = await env.api.post(`${V}/feedback_submissions/batch/update`, { inputs: [{ id: submission!.id, properties: { hs_value: '10' } }] });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.body.status).toBe('error');
    const read = await env.api.get(`${V}/feedback_submissions/${submission!.id}?properties=hs_value`);
    expect((read.body.properties as Record<string, string>).hs_value).toBe(submission!.properties.hs_value);
  });

  it('when a task is created associated to a company, then it answers 201 and the company\'s tasks include it', async () => {
    const companyId = env.emulator.portals[0]!.companies[8]!.id;
    const created = await env.api.post(`${V}/tasks`, {
      properties: { hs_timestamp: '2026-11-05T09:00:00.000Z', hs_task_subject: 'Re-engage', hs_task_status: 'NOT_STARTED' },
      associations: [{ to: { id: companyId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }],
    });
    expect(created.status).toBe(201);
    expectHubSpotObject(created.body as unknown as HubSpotObject);
    const linked = await env.api.post('/crm/associations/2026-03/companies/tasks/batch/read', { inputs: [{ id: companyId }] });
    const to = (linked.body.results as { to: { toObjectId: number }[] }[])[0]?.to.map((t) => String(t.toObjectId));
    expect(to).toContain(created.body.id);
  });

  it('when a task names a company that does not exist, then creation is refused', async () => {
    const created = await env.api.post(`${V}/tasks`, {
      properties: { hs_timestamp: '2026-11-05T09:00:00.000Z' },
      associations: [{ to: { id: '9' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }],
    });
    expect(created.status).toBe(400);
  });

  it('when associations are batch read for companies, then each result lists to-objects with HubSpot-defined type ids', async () => {
    const ids = env.emulator.portals[0]!.companies.slice(0, 20).map((c) => ({ id: c.id }));
    const answer = await env.api.post('/crm/associations/2026-03/companies/contacts/batch/read', { inputs: ids });
    expect([200, 207]).toContain(answer.status);
    const results = answer.body.results as { from: { id: string }; to: { toObjectId: number; associationTypes: { category: string; typeId: number }[] }[] }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.to[0]?.associationTypes[0]).toEqual({ category: 'HUBSPOT_DEFINED', typeId: 280 });
  });

  it('when a request has no bearer token, then it is 401 INVALID_AUTHENTICATION', async () => {
    const response = await fetch(`${env.emulator.baseUrl}${V}/companies`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expectErrorBody(body, 'INVALID_AUTHENTICATION');
  });
});
