import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { SEARCH_RESULT_CAP, parseHubSpotTimestamp } from '../../src/hubspot/search.ts';
import { BASE_URL, PORTAL, collect, hubSpotRecord, replyFromJson, testClient, useNockOnly } from './hubspot-test-kit.ts';

const searchPath = '/crm/objects/2026-03/companies/search';

interface SearchBody {
  filterGroups: Array<{ filters: Array<{ propertyName: string; operator: string; value?: string }> }>;
  sorts?: Array<{ propertyName: string; direction: string }>;
  properties: string[];
  limit: number;
  after?: string;
}

/**
 * HubSpot's search as far as Waypoint relies on it: GTE on hs_lastmodifieddate, ascending sort, a numeric offset
 * cursor, and a 400 once after + limit passes 10,000.
 */
const searchLikeHubSpot = (records: Array<{ id: string; modifiedMs: number }>) => {
  const seenBodies: SearchBody[] = [];
  nock(BASE_URL).post(searchPath).times(1_000).optionally().reply(replyFromJson((raw) => {
    const body = raw as SearchBody;
    seenBodies.push(body);
    const offset = Number(body.after ?? 0);
    if (offset + body.limit > SEARCH_RESULT_CAP) {
      return [400, { status: 'error', category: 'VALIDATION_ERROR', message: 'paging past 10000', correlationId: 'c' }];
    }
    const since = Number(body.filterGroups[0]?.filters.find((f) => f.propertyName === 'hs_lastmodifieddate')?.value ?? 0);
    const matching = records.filter((r) => r.modifiedMs >= since).sort((a, b) => a.modifiedMs - b.modifiedMs || Number(a.id) - Number(b.id));
    const page = matching.slice(offset, offset + body.limit);
    const next = offset + body.limit < matching.length ? { next: { after: String(offset + body.limit) } } : undefined;
    return [200, {
      total: Math.min(matching.length, SEARCH_RESULT_CAP),
      results: page.map((r) => hubSpotRecord(r.id, { hs_lastmodifieddate: new Date(r.modifiedMs).toISOString() })),
      paging: next,
    }];
  }));
  return seenBodies;
};

useNockOnly();

describe('searching records modified since a checkpoint', () => {
  it('when more than 10,000 records changed, then the window restarts at the last timestamp and every record arrives exactly once', async () => {
    const start = Date.parse('2026-06-01T00:00:00.000Z');
    // Three records share each millisecond, so a window boundary always falls among equal timestamps.
    const records = Array.from({ length: 10_450 }, (_, i) => ({ id: String(i + 1), modifiedMs: start + Math.floor(i / 3) }));
    const bodies = searchLikeHubSpot(records);
    const { portal } = testClient();

    const pages = await collect(portal.searchModifiedSince('companies', { sinceMs: start, properties: ['name'] }));

    const ids = pages.flatMap((p) => p.results.map((r) => r.id));
    expect(ids).toHaveLength(records.length);
    expect(new Set(ids).size).toBe(records.length);
    expect(bodies.every((b) => Number(b.after ?? 0) + b.limit <= SEARCH_RESULT_CAP)).toBe(true);
    expect(bodies.filter((b) => b.after === undefined).length).toBe(2);
    expect(pages.at(-1)?.lastModifiedMs).toBe(start + Math.floor((records.length - 1) / 3));
  });

  it('when the search is asked for, then it filters, sorts ascending and asks for the modified date alongside the caller\'s properties', async () => {
    const bodies = searchLikeHubSpot([{ id: '1', modifiedMs: 5_000 }]);
    const { portal } = testClient();

    await collect(portal.searchModifiedSince('companies', {
      sinceMs: 1_000, properties: ['name'], pageSize: 50, filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }],
    }));

    expect(bodies[0]).toEqual({
      filterGroups: [{ filters: [
        { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '1000' },
        { propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' },
      ] }],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      properties: ['name', 'hs_lastmodifieddate'],
      limit: 50,
    });
  });

  it('when more than 10,000 records share one timestamp, then the search stops with a coded error instead of looping', async () => {
    searchLikeHubSpot(Array.from({ length: 10_100 }, (_, i) => ({ id: String(i + 1), modifiedMs: 42_000 })));
    const { portal } = testClient();

    await expect(collect(portal.searchModifiedSince('companies', { sinceMs: 0, properties: [] })))
      .rejects.toMatchObject({ code: 'HUBSPOT_VALIDATION' });
  });

  it('when a search result lacks its modified date, then it is a malformed response, not a silently skipped record', async () => {
    nock(BASE_URL).post(searchPath).reply(200, { total: 1, results: [hubSpotRecord(1, { name: 'Acme' })] });
    await expect(collect(testClient().portal.searchModifiedSince('companies', { sinceMs: 0, properties: ['name'] })))
      .rejects.toMatchObject({ code: 'HUBSPOT_MALFORMED_RESPONSE', message: expect.stringContaining(`POST ${searchPath}`) });
  });

  it('when a count is asked for, then one search of one record answers it from the total and spends the search budget', async () => {
    let sent: unknown;
    nock(BASE_URL).post(searchPath, (body) => { sent = body; return true; }).reply(200, { total: 5_123, results: [hubSpotRecord(1)] });
    const { client, portal } = testClient();

    const count = await portal.countObjects('companies', [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }]);

    expect(count).toBe(5_123);
    expect(sent).toMatchObject({ limit: 1, filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }] }] });
    expect(client.stats(PORTAL).requests).toBe(1);
  });

  it.each([
    { value: '2026-06-01T10:00:00.123Z', ms: Date.parse('2026-06-01T10:00:00.123Z') },
    { value: '1780000000123', ms: 1_780_000_000_123 },
    { value: '', ms: undefined },
    { value: null, ms: undefined },
    { value: 'yesterday', ms: undefined },
  ])('when HubSpot sends the timestamp $value, then it reads as $ms', ({ value, ms }) => {
    expect(parseHubSpotTimestamp(value)).toBe(ms);
  });
});
