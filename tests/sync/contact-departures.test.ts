import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { snapshotOf, startHarness, type Harness } from './sync-harness.ts';

const user = { changeSource: 'CRM_UI', sourceId: 'userId:1' } as const;

// A stock portal has no "left company" property: when someone leaves, the contact's company association goes.
describe('a contact who leaves a customer', () => {
  let h: Harness;
  let companyId: string;
  let contactId: string;
  beforeAll(async () => {
    h = await startHarness({ seed: 37 });
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
    const { store } = h.emulator.state.portal(h.portalId);
    const company = [...store.scan('companies')].find((c) => c.properties.lifecyclestage === 'customer' && store.childrenOf(c.id, 'contacts').length >= 2);
    if (!company) throw new Error('the portal has no customer with two contacts');
    companyId = company.id;
    contactId = store.childrenOf(company.id, 'contacts')[0]!.id;
  });
  afterAll(() => h.close());

  it('when HubSpot removes the contact\'s company association, then after the next sync the company has a departed contact and relationship health says so', async () => {
    h.emulator.state.portal(h.portalId).store.reassociate('contacts', contactId, null, user);
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
    const snapshot = await snapshotOf(h, companyId);
    expect(snapshot.contacts.find((c) => c.id === contactId)).toMatchObject({ leftCompany: true });
    const card = scoreCompany(snapshot, defaultScoringConfig, new Date());
    expect(card.health.components.find((c) => c.key === 'relationship')?.detail).toMatch(/champion left (today\b|0 days ago)/);
  });

  it('when the contact is associated with the company again, then it is no longer departed', async () => {
    h.emulator.state.portal(h.portalId).store.reassociate('contacts', contactId, companyId, user);
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
    const contacts = (await snapshotOf(h, companyId)).contacts.filter((c) => c.id === contactId);
    expect(contacts).toEqual([expect.objectContaining({ leftCompany: false })]);
  });
});
