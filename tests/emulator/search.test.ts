import { describe, expect, it } from 'vitest';
import { generatePortal } from '../../emulator/generator/index.ts';
import { useEmulator, V } from './emulator-kit.ts';

const env = useEmulator({ portals: [generatePortal({ size: 'M', seed: 2 })], limits: { enabled: false } });

type Found = { total: number; results: { id: string; properties: Record<string, string | null> }[]; paging?: { next?: { after: string } } };

describe('emulated CRM search', () => {
  it('when companies modified after an instant are searched ascending, then every result matches and they come oldest first', async () => {
    const since = Date.parse('2026-10-25T00:00:00.000Z');
    const answer = await env.api.post(`${V}/companies/search`, {
      filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GT', value: String(since) }] }],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }], properties: ['hs_lastmodifieddate'], limit: 200,
    });
    const body = answer.body as unknown as Found;
    const expected = env.emulator.portals[0]!.companies.filter((c) => Date.parse(c.properties.hs_lastmodifieddate ?? '') > since).length;
    expect(body.total).toBe(expected);
    const stamps = body.results.map((r) => Date.parse(r.properties.hs_lastmodifieddate ?? ''));
    expect(stamps.every((s) => s > since)).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it.each([
    ['IN', { propertyName: 'churn_reason', operator: 'IN', values: ['acquired', 'shutdown'] }, (p: Record<string, string | null>) => ['acquired', 'shutdown'].includes(p.churn_reason ?? '')],
    ['HAS_PROPERTY', { propertyName: 'churned_at', operator: 'HAS_PROPERTY' }, (p: Record<string, string | null>) => p.churned_at !== null],
    ['NEQ', { propertyName: 'lifecyclestage', operator: 'NEQ', value: 'customer' }, (p: Record<string, string | null>) => p.lifecyclestage !== 'customer'],
    ['GTE number', { propertyName: 'annual_recurring_revenue', operator: 'GTE', value: '100000' }, (p: Record<string, string | null>) => Number(p.annual_recurring_revenue) >= 100000],
    ['LT date', { propertyName: 'contract_start_date', operator: 'LT', value: '2025-01-01' }, (p: Record<string, string | null>) => (p.contract_start_date ?? '9') < '2025-01-01'],
  ])('when filtering with %s, then total counts exactly the companies that satisfy it', async (_name, filter, holds) => {
    const answer = await env.api.post(`${V}/companies/search`, { filterGroups: [{ filters: [filter] }], properties: ['churn_reason', 'churned_at', 'lifecyclestage', 'annual_recurring_revenue', 'contract_start_date'], limit: 100 });
    const body = answer.body as unknown as Found;
    const expected = env.emulator.portals[0]!.companies.filter((c) => holds(c.properties)).length;
    expect(expected).toBeGreaterThan(0);
    expect(body.total).toBe(expected);
    expect(body.results.every((r) => holds(r.properties))).toBe(true);
  });

  it('when engagements are searched by the associations.company pseudo-filter, then only that company\'s emails come back', async () => {
    const portal = env.emulator.portals[0]!;
    const companyId = portal.companies[10]!.id;
    const answer = await env.api.post(`${V}/emails/search`, { filterGroups: [{ filters: [{ propertyName: 'associations.company', operator: 'EQ', value: companyId }] }], limit: 200 });
    const body = answer.body as unknown as Found;
    expect(body.results.map((r) => r.id)).toEqual(portal.children(10).emails.map((e) => e.id));
  });

  it('when paging reaches 10,000 results, then the last page still offers after=10000 and asking for it is a 400 VALIDATION_ERROR', async () => {
    const nearCap = await env.api.post(`${V}/emails/search`, { limit: 200, after: '9800' });
    const body = nearCap.body as unknown as Found;
    expect(nearCap.status).toBe(200);
    expect(body.total).toBeGreaterThan(10_000);
    expect(body.paging?.next?.after).toBe('10000');
    const beyond = await env.api.post(`${V}/emails/search`, { limit: 200, after: '10000' });
    expect(beyond.status).toBe(400);
    expect(beyond.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    const straddling = await env.api.post(`${V}/emails/search`, { limit: 100, after: '9950' });
    expect(straddling.status).toBe(400);
  });

  // It pages an M portal's calls twice, once by full scan: seconds on an idle machine, minutes on a loaded 2-core one.
  // The bound is the work, not the clock: it runs under the suite's hang guard (vitest.config.ts), not a timeout of its own.
  it('when records change and the modification-date search is paged, then it agrees with a full scan and lists the changes last', async () => {
    const { api, emulator } = env;
    const portal = emulator.portals[0]!;
    const changed = [portal.children(4).calls[0]!, portal.children(900).calls[0]!];
    for (const call of changed) emulator.mutate.updateObject({ type: 'calls', id: call.id, properties: { hs_call_title: 'Edited after the sync' } });
    const created = emulator.mutate.addEngagement({ type: 'calls', companyId: portal.companies[7]!.id });
    const since = String(Date.parse('2026-09-01T00:00:00.000Z'));
    const collect = async (extra: object[]) => {
      const ids: string[] = [];
      let after: string | undefined;
      let total = 0;
      do {
        const page = await api.post(`${V}/calls/search`, {
          filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: since }, ...extra] }],
          sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }], limit: 200, ...(after ? { after } : {}),
        });
        const body = page.body as unknown as Found;
        total = body.total;
        ids.push(...body.results.map((r) => r.id));
        after = body.paging?.next?.after;
      } while (after);
      return { ids, total };
    };
    const indexed = await collect([]);
    // An extra always-true filter on another property forces the full-scan path.
    const scanned = await collect([{ propertyName: 'hs_object_id', operator: 'HAS_PROPERTY' }]);
    expect(indexed).toEqual(scanned);
    expect(indexed.total).toBe(indexed.ids.length);
    expect(indexed.ids.slice(-3).sort()).toEqual([...changed.map((c) => c.id), created.id].sort());
  });

  it('when a search asks for more than 200 results, then it is refused', async () => {
    const answer = await env.api.post(`${V}/companies/search`, { limit: 201 });
    expect(answer.status).toBe(400);
  });
});
