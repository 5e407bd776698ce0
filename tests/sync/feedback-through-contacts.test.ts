import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { snapshotOf, startHarness, type Harness } from './sync-harness.ts';

// HubSpot links a feedback submission to the contact who answered, not to the company: stock portals look like this.
const answerAsContact = (h: Harness, contactId: string, value: number) => h.emulator.mutate.createObject({
  portalId: h.portalId, type: 'feedback_submissions', contactId,
  properties: { hs_survey_type: 'NPS', hs_value: String(value), hs_response_group: value >= 9 ? 'promoter' : 'detractor', hs_submission_timestamp: new Date().toISOString() },
});

const customerWithContact = (h: Harness, skip: ReadonlySet<string> = new Set()) => {
  const { store } = h.emulator.state.portal(h.portalId);
  for (const company of store.scan('companies')) {
    if (company.archived || company.properties.lifecyclestage !== 'customer' || skip.has(company.id)) continue;
    const contact = store.childrenOf(company.id, 'contacts')[0];
    if (contact) return { companyId: company.id, contactId: contact.id };
  }
  throw new Error('the portal has no customer with a contact');
};

describe('survey answers linked to a contact', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ seed: 23 }); });
  afterAll(() => h.close());

  it('when an NPS answered by a customer\'s contact is in HubSpot, then a full sync brings it to the company\'s snapshot', async () => {
    const { companyId, contactId } = customerWithContact(h);
    const answer = answerAsContact(h, contactId, 3);
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
    expect((await snapshotOf(h, companyId)).feedback.map((f) => f.id)).toContain(answer.id);
  });

  it('when a contact answers after the last sync, then the incremental run links the answer to the contact\'s company', async () => {
    const first = customerWithContact(h);
    const { companyId, contactId } = customerWithContact(h, new Set([first.companyId]));
    const answer = answerAsContact(h, contactId, 10);
    h.scoringRequests.length = 0;
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    expect((await snapshotOf(h, companyId)).feedback.find((f) => f.id === answer.id)).toMatchObject({ surveyType: 'NPS', value: 10 });
    expect(h.scoringRequests.at(-1)?.companyIds).toContain(companyId);
  });

  it('when a prospect whose contact answered a survey becomes a customer, then the answer arrives with its history', async () => {
    const { store } = h.emulator.state.portal(h.portalId);
    const prospect = [...store.scan('companies')].find((c) => c.properties.lifecyclestage !== 'customer' && store.childrenOf(c.id, 'contacts').length > 0);
    if (!prospect) throw new Error('the portal has no prospect with contacts');
    const answer = answerAsContact(h, store.childrenOf(prospect.id, 'contacts')[0]!.id, 8);
    h.emulator.mutate.updateObject({ portalId: h.portalId, type: 'companies', id: prospect.id, properties: { lifecyclestage: 'customer' } });
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    expect((await snapshotOf(h, prospect.id)).feedback.map((f) => f.id)).toContain(answer.id);
  });
});
