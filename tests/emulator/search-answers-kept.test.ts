import { describe, expect, it } from 'vitest';
import { childTypes, generatePortal } from '../../emulator/generator/index.ts';
import { useEmulator, V } from './emulator-kit.ts';

// The emulator answers counts from a counter and keeps a paged query's ordered result: these stories hold those
// shortcuts to what a scan of the live data says, before and after the data changes.
const env = useEmulator({ portals: [generatePortal({ size: 'S', seed: 5 })], limits: { enabled: false } });

type Found = { total: number; results: { id: string; properties: Record<string, string | null> }[]; paging?: { next?: { after: string } } };

const count = async (type: string): Promise<number> =>
  ((await env.api.post(`${V}/${type}/search`, { properties: ['hs_object_id'], limit: 1 })).body as unknown as Found).total;

const liveByScan = (type: (typeof childTypes)[number]): number => {
  const portal = env.emulator.portals[0]!;
  let live = 0;
  for (let i = 0; i < portal.companies.length; i++) live += portal.children(i)[type].filter((r) => !r.archived).length;
  return live;
};

describe('emulated counts and paged searches', () => {
  it('when every child type is counted, then each total is what a scan of the portal finds', async () => {
    for (const type of childTypes) expect(await count(type), type).toBe(liveByScan(type));
  });

  it('when a call is created and another deleted, then the calls total still matches the live calls', async () => {
    const portal = env.emulator.portals[0]!;
    const before = await count('calls');
    const victim = portal.children(3).calls[0]!;
    env.emulator.mutate.addEngagement({ type: 'calls', companyId: portal.companies[1]!.id });
    env.emulator.mutate.addEngagement({ type: 'calls', companyId: portal.companies[2]!.id });
    env.emulator.mutate.deleteObject({ type: 'calls', id: victim.id });
    expect(await count('calls')).toBe(before + 1);
    env.emulator.mutate.restoreObject({ type: 'calls', id: victim.id });
    expect(await count('calls')).toBe(before + 2);
  });

  it('when a company leaves a paged customer search between two pages, then the next page counts it out', async () => {
    const search = (after?: string) => env.api.post(`${V}/companies/search`, {
      filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }] }],
      sorts: [{ propertyName: 'name', direction: 'ASCENDING' }], properties: ['name', 'lifecyclestage'], limit: 10, ...(after ? { after } : {}),
    });
    const first = (await search()).body as unknown as Found;
    const secondBefore = (await search(first.paging!.next!.after)).body as unknown as Found;
    const leaving = secondBefore.results[0]!;
    env.emulator.mutate.updateObject({ type: 'companies', id: leaving.id, properties: { lifecyclestage: 'other' } });
    const secondAfter = (await search(first.paging!.next!.after)).body as unknown as Found;
    expect(secondAfter.total).toBe(first.total - 1);
    expect(secondAfter.results.map((r) => r.id)).not.toContain(leaving.id);
    expect(secondAfter.results.every((r) => r.properties.lifecyclestage === 'customer')).toBe(true);
  });
});
