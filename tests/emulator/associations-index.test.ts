import { describe, expect, it } from 'vitest';
import { childTypes, generatePortal, type ChildType, type Portal } from '../../emulator/generator/index.ts';
import { useEmulator } from './emulator-kit.ts';

// Associations are answered from an index of the generated children's links, not from the children themselves:
// these stories hold the answers to what the generated portal and the changes since say, and hold the index to
// building nothing (regenerating children per request made the emulator the bottleneck of an XL sync).
const portal = generatePortal({ size: 'S', seed: 12 });
const generate = portal.children.bind(portal);
let generated = 0;
(portal as { children: Portal['children'] }).children = (index) => {
  generated += 1;
  return generate(index);
};
const env = useEmulator({ portals: [portal], limits: { enabled: false } });
const A = '/crm/associations/2026-03';

type Linked = { results: { from: { id: string }; to: { toObjectId: string }[] }[] };
const linked = async (from: string, to: ChildType, ids: readonly string[]): Promise<Map<string, string[]>> => {
  const answer = await env.api.post(`${A}/${from}/${to}/batch/read`, { inputs: ids.map((id) => ({ id })) });
  return new Map((answer.body as unknown as Linked).results.map((r) => [r.from.id, r.to.map((t) => t.toObjectId)]));
};
const companyIds = () => portal.companies.map((c) => c.id);
const generatedLinks = (type: ChildType): Map<string, string[]> => new Map(portal.companies
  .map((c, i): [string, string[]] => [c.id, generate(i)[type].filter((r) => !r.contactOnly).map((r) => r.id)])
  .filter(([, ids]) => ids.length > 0));

describe('emulated associations from the generated index', () => {
  it('when every company\'s children of each type are read, then they are the children the portal generated for it, and none is generated again', async () => {
    generated = 0;
    for (const type of childTypes) expect(await linked('companies', type, companyIds()), type).toEqual(generatedLinks(type));
    expect(generated).toBe(0);
  });

  it('when a contact\'s children are read, then they are its company\'s children that name it', async () => {
    const index = portal.companies.findIndex((_, i) => generate(i).contacts.length > 1 && generate(i).emails.some((e) => e.contactId !== null));
    const { contacts, emails } = generate(index);
    const byContact = await linked('contacts', 'emails', contacts.map((c) => c.id));
    for (const contact of contacts) {
      const expected = emails.filter((e) => e.contactId === contact.id).map((e) => e.id);
      expect(byContact.get(contact.id) ?? [], contact.id).toEqual(expected);
    }
  });

  it('when children are archived, restored, created, moved and merged away, then each company\'s associations follow', async () => {
    const { mutate } = env.emulator;
    const store = env.emulator.state.portal().store;
    const [first, second, third] = [0, 1, 2].map((i) => ({ id: portal.companies[i]!.id, calls: generate(i).calls.map((c) => c.id) }));
    expect(first!.calls.length).toBeGreaterThan(1);
    const [archived, moved] = first!.calls as [string, string];
    mutate.deleteObject({ type: 'calls', id: archived });
    const created = mutate.addEngagement({ type: 'calls', companyId: first!.id });
    store.reassociate('calls', moved, second!.id, { changeSource: 'CRM_UI', sourceId: null });
    const after = await linked('companies', 'calls', [first!.id, second!.id]);
    expect(after.get(first!.id)).toEqual([...first!.calls.filter((id) => id !== archived && id !== moved), created.id]);
    expect(after.get(second!.id)).toEqual([...second!.calls, moved].sort((a, b) => Number(a) - Number(b)));
    mutate.restoreObject({ type: 'calls', id: archived });
    mutate.mergeCompanies({ primaryId: third!.id, mergedId: second!.id });
    const merged = await linked('companies', 'calls', [first!.id, third!.id]);
    expect(merged.get(first!.id)).toEqual([archived, ...first!.calls.filter((id) => id !== archived && id !== moved), created.id]);
    expect(merged.get(third!.id)).toEqual([...third!.calls, ...second!.calls, moved].sort((a, b) => Number(a) - Number(b)));
  });
});
