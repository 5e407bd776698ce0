import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { companyMilestonesRepository } from '../../src/store/company-milestones-repository.ts';
import { csmSentimentRepository } from '../../src/store/csm-sentiment-repository.ts';
import { desiredOutcomesRepository } from '../../src/store/desired-outcomes-repository.ts';
import { storeBackends } from '../helpers/stores.ts';

const PORTAL = 9_876_543_210;
const at = (iso: string) => new Date(iso);

describe.each(storeBackends())("what a CSM records on the card, stored on $name", (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  it('when a sentiment is set twice, then scoring as of each moment reads the one in force then, per company and portal', async () => {
    const sentiments = csmSentimentRepository(db);
    await sentiments.record(PORTAL, 'a', { value: 'positive', note: null, setBy: 'Casey', setAt: '2026-10-01T00:00:00.000Z' });
    await sentiments.record(PORTAL, 'a', { value: 'at_risk', note: 'Sponsor left', setBy: 'Robin', setAt: '2026-11-01T00:00:00.000Z' });
    await sentiments.record(PORTAL + 1, 'a', { value: 'neutral', note: null, setBy: 'Other', setAt: '2026-11-01T00:00:00.000Z' });
    expect((await sentiments.latestForCompanies(PORTAL, at('2026-10-15T00:00:00Z'))).get('a')?.value).toBe('positive');
    expect((await sentiments.latestForCompanies(PORTAL, at('2026-11-02T00:00:00Z'), ['a'])).get('a'))
      .toEqual({ value: 'at_risk', note: 'Sponsor left', setBy: 'Robin', setAt: '2026-11-01T00:00:00.000Z' });
    expect((await sentiments.latestForCompanies(PORTAL, at('2026-09-01T00:00:00Z'))).size).toBe(0);
  });

  it('when a desired outcome is set and then replaced, then the company has the second, with its date and numbers as written', async () => {
    const outcomes = desiredOutcomesRepository(db);
    const first = { outcome: 'Faster close', metric: 'Days', source: { kind: 'property', property: 'days_to_close' } as const, baseline: 10, target: 4.5, targetDate: '2027-03-31', setBy: 'Casey', setAt: '2026-10-01T00:00:00.000Z' };
    await outcomes.set(PORTAL, 'b', first);
    await outcomes.set(PORTAL, 'b', { ...first, source: { kind: 'usage', metric: 'reports' }, target: -2.25, targetDate: '2027-12-31' });
    expect((await outcomes.forCompanies(PORTAL, ['b'])).get('b')).toEqual({ ...first, source: { kind: 'usage', metric: 'reports' }, target: -2.25, targetDate: '2027-12-31' });
  });

  it("when a customer's milestones are added, changed and removed, then they come back in due order and a removed one takes its done mark along", async () => {
    const milestones = companyMilestonesRepository(db);
    await milestones.upsert(PORTAL, 'c', { key: 'late', label: 'Late one', dueDate: '2027-05-01' }, 'Casey', at('2026-10-01T00:00:00Z'));
    await milestones.upsert(PORTAL, 'c', { key: 'soon', label: 'Soon', dueDate: '2026-12-01' }, 'Casey', at('2026-10-01T00:00:00Z'));
    await milestones.upsert(PORTAL, 'c', { key: 'soon', label: 'Soon, renamed', dueDate: '2026-12-15' }, 'Robin', at('2026-10-02T00:00:00Z'));
    expect((await milestones.forCompanies(PORTAL)).get('c')).toEqual([
      { key: 'soon', label: 'Soon, renamed', dueDate: '2026-12-15' }, { key: 'late', label: 'Late one', dueDate: '2027-05-01' },
    ]);
    await db.query("INSERT INTO milestone_overrides (portal_id, company_id, milestone_key, done_at) VALUES ($1, 'c', 'soon', now())", [PORTAL]);
    expect(await milestones.remove(PORTAL, 'c', 'soon')).toBe(true);
    expect(await milestones.remove(PORTAL, 'c', 'soon')).toBe(false);
    expect(await db.query("SELECT 1 FROM milestone_overrides WHERE company_id = 'c'")).toEqual([]);
  });
});
