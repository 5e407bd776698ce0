import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { snapshotOf, startHarness, type Harness } from './sync-harness.ts';

const user = { changeSource: 'CRM_UI', sourceId: 'userId:1' } as const;

// HubSpot's plain reads return only the current job title; the store keeps the one before it.
describe('a champion whose job title changes', () => {
  let h: Harness;
  let companyId: string;
  let contactId: string;
  beforeAll(async () => {
    h = await startHarness({ seed: 41 });
    const { store } = h.emulator.state.portal(h.portalId);
    const company = [...store.scan('companies')].find((c) => c.properties.lifecyclestage === 'customer' && store.childrenOf(c.id, 'contacts').length >= 1);
    if (!company) throw new Error('the portal has no customer with a contact');
    companyId = company.id;
    contactId = store.childrenOf(company.id, 'contacts')[0]!.id;
    store.update('contacts', contactId, { jobtitle: 'Operations Manager', hs_buying_role: 'CHAMPION' }, user);
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
  });
  afterAll(() => h.close());

  it('when the contact was synced once, then the snapshot carries no earlier title', async () => {
    const contact = (await snapshotOf(h, companyId)).contacts.find((c) => c.id === contactId);
    expect(contact).toMatchObject({ jobTitle: 'Operations Manager' });
    expect(contact?.previousJobTitle).toBeUndefined();
  });

  it('when HubSpot changes the champion\'s job title, then after the next sync the snapshot keeps the old title and the card reads a role change', async () => {
    h.emulator.state.portal(h.portalId).store.update('contacts', contactId, { jobtitle: 'Board Advisor' }, user);
    const before = scoreCompany(await snapshotOf(h, companyId), defaultScoringConfig, new Date());
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    const snapshot = await snapshotOf(h, companyId);
    expect(snapshot.contacts.find((c) => c.id === contactId)).toMatchObject({
      jobTitle: 'Board Advisor', previousJobTitle: 'Operations Manager', jobTitleChangedAt: expect.any(String),
    });
    const card = scoreCompany(snapshot, defaultScoringConfig, new Date());
    const relationship = (c: typeof card) => c.health.components.find((x) => x.key === 'relationship')!;
    expect(relationship(card).detail).toMatch(/champion or sponsor changed role \(Operations Manager to Board Advisor\) (today|1 day ago)/);
    expect(relationship(card).value).toBe(relationship(before).value! - 25);
    expect(card.vector.reason).toContain('champion or sponsor changed role');
  });
});
