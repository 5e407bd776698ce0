import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { changeScenarios, storedValue } from './change-scenarios.ts';
import { startHarness, type Harness } from './sync-harness.ts';

describe('incremental sync with webhooks off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 31 });
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
  });
  afterAll(() => h.close());

  it.each(changeScenarios)('when $name in HubSpot, then the next incremental run brings it into the store and asks for its company to be rescored', async (scenario) => {
    const change = scenario.make(h.emulator, h.portalId);
    expect((await storedValue(h.db, h.portalId, change)).value).not.toBe(change.value);
    h.scoringRequests.length = 0;
    const result = await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    expect(result.mode).toBe('incremental');
    expect(await storedValue(h.db, h.portalId, change)).toEqual({ value: change.value, companies: [change.companyId] });
    expect(h.scoringRequests.at(-1)?.companyIds).toContain(change.companyId);
  });

  it('when nothing changed since the last run, then an incremental run stores nothing and asks for no rescoring', async () => {
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    h.scoringRequests.length = 0;
    const result = await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    expect(result).toMatchObject({ mode: 'incremental', changedCompanies: [] });
    expect(h.scoringRequests).toEqual([]);
  });

  it('when a customer stops being a customer, then it leaves the store with its history', async () => {
    const [companyId] = (await h.db.query<{ id: string }>(
      "SELECT to_id AS id FROM crm_associations WHERE portal_id = $1 AND from_type = 'emails' ORDER BY to_id LIMIT 1", [h.portalId],
    )).map((r) => r.id);
    h.emulator.mutate.updateObject({ portalId: h.portalId, type: 'companies', id: companyId ?? '', properties: { lifecyclestage: 'other' } });
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    const left = await h.db.query("SELECT 1 FROM crm_associations WHERE portal_id = $1 AND to_type = 'companies' AND to_id = $2", [h.portalId, companyId]);
    const company = await h.db.query("SELECT 1 FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' AND object_id = $2", [h.portalId, companyId]);
    expect({ links: left.length, company: company.length }).toEqual({ links: 0, company: 0 });
  });

  it('when a prospect becomes a customer, then its whole history arrives with it', async () => {
    const { store } = h.emulator.state.portal(h.portalId);
    const prospect = [...store.scan('companies')].find((c) => c.properties.lifecyclestage !== 'customer' && store.childrenOf(c.id, 'emails').length > 0);
    if (!prospect) throw new Error('the portal has no prospect with emails');
    const emails = store.childrenOf(prospect.id, 'emails').map((e) => e.id).sort();
    h.emulator.mutate.updateObject({ portalId: h.portalId, type: 'companies', id: prospect.id, properties: { lifecyclestage: 'customer' } });
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'incremental' });
    const stored = await h.db.query<{ id: string }>(
      "SELECT from_id AS id FROM crm_associations WHERE portal_id = $1 AND from_type = 'emails' AND to_id = $2 ORDER BY from_id", [h.portalId, prospect.id],
    );
    expect(stored.map((r) => r.id).sort()).toEqual(emails);
  });
});
