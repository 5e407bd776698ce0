import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BASE_URL, PORTAL, replyFromJson, testClient, useNockOnly } from './hubspot-test-kit.ts';

const path = '/crm/associations/2026-03/companies/contacts/batch/read';
type Inputs = { inputs: Array<{ id: string; after?: string }> };
const target = (id: number | string) => ({ toObjectId: Number(id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 280, label: null }] });

useNockOnly();

describe('reading associations in batches', () => {
  it('when 1,500 companies are asked about, then two batches go out, one company\'s second page is followed, and every company is answered', async () => {
    const requests: Inputs[] = [];
    nock(BASE_URL).post(path).times(3).reply(replyFromJson((raw) => {
      const body = raw as Inputs;
      requests.push(body);
      const results = body.inputs
        .filter((input) => Number(input.id) % 2 === 0)
        .map((input) => {
          if (input.id !== '10') return { from: { id: input.id }, to: [target(Number(input.id) * 1000)] };
          return input.after === undefined
            ? { from: { id: '10' }, to: [target(1), target(2)], paging: { next: { after: 'page-2', link: 'l' } } }
            : { from: { id: '10' }, to: [target(3)] };
        });
      return [200, { status: 'COMPLETE', results, startedAt: 'a', completedAt: 'b' }];
    }));
    const ids = Array.from({ length: 1_500 }, (_, i) => String(i + 1));
    const { client, portal } = testClient();

    const { byId, failed } = await portal.batchReadAssociations('companies', 'contacts', ids);

    expect(requests.map((r) => r.inputs.length)).toEqual([1_000, 500, 1]);
    expect(requests[2]?.inputs).toEqual([{ id: '10', after: 'page-2' }]);
    expect(byId.get('10')).toEqual(['1', '2', '3']);
    expect(byId.get('4')).toEqual(['4000']);
    expect(byId.get('7')).toEqual([]);
    expect(byId.size).toBe(1_500);
    expect(failed).toEqual([]);
    expect(client.stats(PORTAL).requests).toBe(3);
  });

  it('when HubSpot reports some ids as having no associations and others as failing, then only the real failures are failures', async () => {
    nock(BASE_URL).post(path).reply(207, {
      status: 'COMPLETE',
      results: [{ from: { id: '1' }, to: [target(11)] }],
      errors: [
        { status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: 'No contacts are associated with company 2.', context: { fromObjectId: ['2'], ids: ['2'] } },
        { status: 'error', category: 'VALIDATION_ERROR', message: 'Id 3 is not valid', context: { ids: ['3'] } },
      ],
    });
    const { portal } = testClient();

    const { byId, failed } = await portal.batchReadAssociations('companies', 'contacts', ['1', '2', '3']);

    expect(Object.fromEntries(byId)).toEqual({ 1: ['11'], 2: [], 3: [] });
    expect(failed).toEqual([{ id: '3', code: 'HUBSPOT_VALIDATION', message: 'Id 3 is not valid' }]);
  });

  it('when HubSpot keeps handing back the same cursor for an id, then the read stops with a malformed-response error', async () => {
    nock(BASE_URL).post(path).times(2).reply(200, { status: 'COMPLETE', results: [{ from: { id: '1' }, to: [target(1)], paging: { next: { after: 'same' } } }] });
    await expect(testClient().portal.batchReadAssociations('companies', 'contacts', ['1']))
      .rejects.toMatchObject({ code: 'HUBSPOT_MALFORMED_RESPONSE' });
  });
});
