import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cohort } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { portfolioRepository } from '../../src/store/portfolio-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeBackends } from '../helpers/stores.ts';
import { healthyCard, NOW } from '../writeback/support.ts';

const PORTAL = 4141;
const config = defaultScoringConfig;
const churn = { avoidable: true, expected: false, reason: 'went to a competitor' };
const card = (id: string, cohort: Cohort, priority: number, segment = 'mid', churned = false): ScoreCard =>
  ({ ...healthyCard(id, NOW), cohort, segment, priority, churn: churned ? churn : null });

// Owner 7 has three customers, owner 8 one, company 5 none; 6 churned (never listed). Renewal dates in each of
// HubSpot's two shapes (a date, epoch milliseconds), one past, one beyond 120 days, one not a date.
const companies: Array<[string, Record<string, string>]> = [
  ['1', { hubspot_owner_id: '7', renewal_date: '2026-11-20', annual_recurring_revenue: '12000' }],
  ['2', { hubspot_owner_id: '7', renewal_date: String(Date.parse('2026-12-01T00:00:00Z')) }],
  ['3', { hubspot_owner_id: '7', renewal_date: '2027-06-01' }],
  ['4', { hubspot_owner_id: '8', renewal_date: '2026-10-01' }],
  ['5', { hubspot_owner_id: '', renewal_date: 'soon' }],
  ['6', { hubspot_owner_id: '8', renewal_date: '2026-11-10' }],
];

describe.each(storeBackends())('worklists and renewals on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await crmRepository(db).upsertObjects(PORTAL, 'companies', companies.map(([id, properties]) => ({ id, properties: { name: `Company ${id}`, ...properties } })));
    await scoresRepository(db).insertMany(PORTAL, [
      card('1', 'negative', 90), card('2', 'neutral', 40, 'small'), card('3', 'positive', 10), card('4', 'dark', 70), card('5', 'negative', 80), card('6', 'negative', 99, 'mid', true),
    ], null);
  });
  afterAll(async () => cleanup());

  it('when worklists are read, then each owner lists its top customers by priority, the busiest owner first, churned customers never', async () => {
    const owners = await portfolioRepository(db).worklists(PORTAL, { config, filters: {}, limit: 2 });
    expect(owners.map((o) => [o.ownerId, o.customers, o.top.map((t) => t.companyId)])).toEqual([['7', 3, ['1', '2']], ['8', 1, ['4']], [null, 1, ['5']]]);
    expect(owners[0]?.top[0]).toEqual({
      companyId: '1', name: 'Company 1', ownerId: '7', segment: 'mid', cohort: 'negative', priority: 90,
      healthScore: owners[0]?.top[0]?.healthScore, healthStatus: 'green', nextPlay: owners[0]?.top[0]?.nextPlay, renewalDate: '2026-11-20', arr: 12_000,
    });
    expect(owners[0]?.top[1]?.renewalDate).toBe('2026-12-01');
  });

  it('when filtered by owner, segment or cohort, then only matching customers count', async () => {
    const read = (filters: Parameters<ReturnType<typeof portfolioRepository>['worklists']>[1]['filters']) =>
      portfolioRepository(db).worklists(PORTAL, { config, filters, limit: 10 }).then((owners) => owners.flatMap((o) => o.top.map((t) => t.companyId)));
    expect(await read({ owner: '7' })).toEqual(['1', '2', '3']);
    expect(await read({ owner: 'none' })).toEqual(['5']);
    expect(await read({ segment: 'small' })).toEqual(['2']);
    expect(await read({ cohort: 'negative' })).toEqual(['1', '5']);
  });

  it('when renewals within 120 days are read, then they come soonest first with days to go, past, far and unreadable dates left out', async () => {
    const found = await portfolioRepository(db).renewals(PORTAL, { config, filters: {}, asOf: NOW, withinDays: 120, limit: 10 });
    expect(found.total).toBe(2);
    expect(found.renewals.map((r) => [r.companyId, r.renewalDate, r.daysToRenewal])).toEqual([['1', '2026-11-20', 19], ['2', '2026-12-01', 30]]);
    const limited = await portfolioRepository(db).renewals(PORTAL, { config, filters: { owner: '7' }, asOf: NOW, withinDays: 365, limit: 1 });
    expect([limited.total, limited.renewals.map((r) => r.companyId)]).toEqual([3, ['1']]);
  });
});
