import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { TASK_TO_COMPANY_ASSOCIATION_TYPE_ID } from '../../src/hubspot/objects.ts';
import { AppError } from '../../src/shared/errors.ts';
import { BASE_URL, PORTAL, collect, hubSpotRecord, replyFromJson, testClient, useNockOnly } from './hubspot-test-kit.ts';

const companies = '/crm/objects/2026-03/companies';
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));
const inputIdsOf = (body: unknown) => (body as { inputs: Array<{ id: string }> }).inputs.map((input) => input.id);

useNockOnly();

describe('listing objects by cursor', () => {
  it('when a portal has three pages of companies, then each page is yielded with the cursor of the next and the last has none', async () => {
    const query = { limit: '100', properties: 'name,domain', archived: 'false' };
    nock(BASE_URL).get(companies).query(query).reply(200, { results: ids(1, 100).map((id) => hubSpotRecord(id)), paging: { next: { after: '100', link: 'x' } } });
    nock(BASE_URL).get(companies).query({ ...query, after: '100' }).reply(200, { results: ids(101, 100).map((id) => hubSpotRecord(id)), paging: { next: { after: '200' } } });
    nock(BASE_URL).get(companies).query({ ...query, after: '200' }).reply(200, { results: ids(201, 7).map((id) => hubSpotRecord(id)) });
    const { client, portal } = testClient();

    const pages = await collect(portal.listObjects('companies', { properties: ['name', 'domain'] }));

    expect(pages.map((p) => [p.results.length, p.nextAfter])).toEqual([[100, '100'], [100, '200'], [7, undefined]]);
    expect(pages.flatMap((p) => p.results.map((r) => r.id))).toEqual(ids(1, 207));
    expect(client.stats(PORTAL).requests).toBe(3);
  });

  it('when a sync resumes from a checkpointed cursor, then listing starts there and asks for associations', async () => {
    nock(BASE_URL).get('/crm/objects/2026-03/contacts')
      .query({ limit: '50', after: '4200', properties: 'email', associations: 'companies', archived: 'false' })
      .reply(200, { results: [{ ...hubSpotRecord(9, { email: 'a@b.test' }), associations: { companies: { results: [{ id: '77', type: 'contact_to_company' }] } } }] });
    const { portal } = testClient();

    const pages = await collect(portal.listObjects('contacts', { properties: ['email'], associations: ['companies'], after: '4200', pageSize: 50 }));

    expect(pages).toHaveLength(1);
    expect(pages[0]?.results[0]?.associations?.companies?.results[0]?.id).toBe('77');
  });

  it('when a page in the middle is malformed, then the pages before it are kept and the error names the endpoint', async () => {
    nock(BASE_URL).get(companies).query(true).reply(200, { results: [hubSpotRecord(1)], paging: { next: { after: '1' } } });
    nock(BASE_URL).get(companies).query(true).reply(200, { results: [{ id: 2 }] });
    const seen: string[] = [];
    const { portal } = testClient();

    const failure = (async () => {
      for await (const page of portal.listObjects('companies', { properties: [] })) seen.push(...page.results.map((r) => r.id));
    })();

    await expect(failure).rejects.toMatchObject({ code: 'HUBSPOT_MALFORMED_RESPONSE', message: expect.stringContaining(`GET ${companies}`) });
    expect(seen).toEqual(['1']);
  });

  it('when HubSpot hands back the cursor it was given, then listing stops with a malformed-response error instead of looping', async () => {
    nock(BASE_URL).get(companies).query(true).reply(200, { results: [hubSpotRecord(1)], paging: { next: { after: '1' } } });
    nock(BASE_URL).get(companies).query(true).reply(200, { results: [hubSpotRecord(1)], paging: { next: { after: '1' } } });
    await expect(collect(testClient().portal.listObjects('companies', { properties: [] })))
      .rejects.toMatchObject({ code: 'HUBSPOT_MALFORMED_RESPONSE', message: expect.stringContaining('repeats') });
  });

  it('when a caller asks for pages larger than HubSpot serves, then it is told so before any request', async () => {
    const pages = testClient().portal.listObjects('companies', { properties: [], pageSize: 500 });
    await expect(pages.next()).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('batch reads and updates', () => {
  it('when 250 companies are read by id, then three batches of at most 100 go out and missing ids are reported', async () => {
    const batches: string[][] = [];
    nock(BASE_URL).post(`${companies}/batch/read`).times(3).reply(replyFromJson((body) => {
      const requested = inputIdsOf(body);
      batches.push(requested);
      const found = requested.filter((id) => id !== '13');
      const errors = found.length < requested.length
        ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Could not get some COMPANY objects', context: { ids: ['13'] } }]
        : undefined;
      return [errors ? 207 : 200, { status: 'COMPLETE', results: found.map((id) => hubSpotRecord(id)), errors, startedAt: 'a', completedAt: 'b' }];
    }));
    const { portal } = testClient();

    const read = await portal.batchRead('companies', ids(1, 250), ['name']);

    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(read.results).toHaveLength(249);
    expect(read.failed).toEqual([{ id: '13', code: 'HUBSPOT_NOT_FOUND', message: 'Could not get some COMPANY objects' }]);
  });

  it('when HubSpot accepts some updates and rejects others with 207, then updated and failed ids are told apart', async () => {
    nock(BASE_URL).post(`${companies}/batch/update`).reply(207, {
      status: 'COMPLETE',
      results: [hubSpotRecord(1), hubSpotRecord(3)],
      errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid', context: { ids: ['2'] } }],
      numErrors: 1,
    });
    const { portal } = testClient();

    const outcome = await portal.batchUpdate('companies', ['1', '2', '3'].map((id) => ({ id, properties: { waypoint_health: '71' } })));

    expect(outcome).toEqual({
      updated: ['1', '3'],
      failed: [{ id: '2', code: 'HUBSPOT_VALIDATION', message: 'Property values were not valid' }],
    });
  });

  it('when one batch of 100 is rejected outright, then its ids fail and the next batch is still written', async () => {
    nock(BASE_URL).post(`${companies}/batch/update`).reply(400, { status: 'error', message: 'Property "waypoint_x" does not exist', category: 'VALIDATION_ERROR', correlationId: 'c' });
    nock(BASE_URL).post(`${companies}/batch/update`).reply(replyFromJson((body) => [200, { status: 'COMPLETE', results: inputIdsOf(body).map((id) => hubSpotRecord(id)) }]));
    const { portal } = testClient();

    const outcome = await portal.batchUpdate('companies', ids(1, 130).map((id) => ({ id, properties: { waypoint_x: '1' } })));

    expect(outcome.updated).toEqual(ids(101, 30));
    expect(outcome.failed).toHaveLength(100);
    expect(outcome.failed[0]).toMatchObject({ id: '1', code: 'HUBSPOT_VALIDATION', message: expect.stringContaining('does not exist') });
  });

  it('when the token lacks the write scope, then the batch update fails as a whole instead of per id', async () => {
    nock(BASE_URL).post(`${companies}/batch/update`).reply(403, { status: 'error', message: 'missing scopes', category: 'MISSING_SCOPES', correlationId: 'c' });
    const error = await testClient().portal.batchUpdate('companies', [{ id: '1', properties: { a: '1' } }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'HUBSPOT_MISSING_SCOPE' });
  });
});

describe('creating a task', () => {
  it('when a task is created for a company, then it is associated with HubSpot\'s task-to-company type and the new task is returned', async () => {
    let sent: unknown;
    nock(BASE_URL).post('/crm/objects/2026-03/tasks', (body) => { sent = body; return true; })
      .reply(201, hubSpotRecord(555, { hs_task_subject: 'Call the sponsor' }));
    const { portal } = testClient();

    const task = await portal.createObject('tasks', {
      properties: { hs_task_subject: 'Call the sponsor', hs_timestamp: '1764000000000' },
      associations: [{ toId: '77', associationTypeId: TASK_TO_COMPANY_ASSOCIATION_TYPE_ID }],
    });

    expect(task.id).toBe('555');
    expect(sent).toEqual({
      properties: { hs_task_subject: 'Call the sponsor', hs_timestamp: '1764000000000' },
      associations: [{ to: { id: '77' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }],
    });
  });
});
