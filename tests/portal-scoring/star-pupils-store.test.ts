import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { loadCardData } from '../../src/server/cards/load-card-data.ts';
import { createApp } from '../../src/server/create-app.ts';
import { starPupilsRouter } from '../../src/server/routes/get-star-pupils.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { usageRepository } from '../../src/store/usage-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { installPortal } from '../server/cards-support.ts';

const PORTAL = 716;
const NOW = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const customer = (id: string, startedDaysAgo: number) => ({
  id,
  properties: {
    name: `Company ${id}`, lifecyclestage: 'customer', numberofemployees: '250', country: 'Germany', industry: 'COMPUTER_SOFTWARE',
    annual_recurring_revenue: '50000', createdate: ago(startedDaysAgo), contract_start_date: ago(startedDaysAgo).slice(0, 10),
    hs_lifecyclestage_customer_date: ago(startedDaysAgo), renewal_date: ago(-200).slice(0, 10), seats_purchased: '100',
  },
});

describe('the star-pupil profile of a portal', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
    // The card is only read for a portal Waypoint serves.
    await installPortal(db, PORTAL);
    const crm = crmRepository(db);
    // Two customers who renewed, reaching first value (3 active users) on days 10 and 26; one new customer 40 days in with no usage.
    await crm.upsertObjects(PORTAL, 'companies', [customer('2001', 500), customer('2002', 500), customer('2003', 40)]);
    await crm.upsertObjects(PORTAL, 'deals', ['2001', '2002'].map((id) => ({
      id: `d${id}`, properties: { dealtype: 'existingbusiness', amount: '50000', closedate: ago(135), hs_is_closed: 'true', hs_is_closed_won: 'true' },
    })));
    await crm.insertLinks(PORTAL, 'deals', [{ child: 'd2001', company: '2001' }, { child: 'd2002', company: '2002' }]);
    const usage = (companyId: string, fromDay: number) => Array.from({ length: 500 - fromDay }, (_, i) => ({
      companyId, day: ago(500 - fromDay - i).slice(0, 10), metric: 'active_users', value: 60,
    }));
    await usageRepository(db).upsert(PORTAL, [...usage('2001', 10), ...usage('2002', 26)]);
    await scorePortal({ db, clock: fixedClock(NOW.toISOString()), logger: createLogger({ level: 'silent' }), snapshots: storeSnapshotSource(db) }, { portalId: PORTAL });
  });
  afterAll(async () => db.close());

  it('when the portal has been scored, then the endpoint lists the renewed customers\' profile for their segment', async () => {
    const app = createApp({ logger: createLogger({ level: 'silent' }), db, routers: [starPupilsRouter({ db, requireAdmin: (_req, _res, next) => next() })] });
    const response = await request(app).get(`/api/v1/portals/${PORTAL}/star-pupils`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      portalId: PORTAL,
      profile: { basis: 'renewed_or_expanded', segments: [{ segment: 'mid', pupils: 2, timeToFirstValueDays: 18, usageDepth: 0.6, features: [{ feature: 'active_users', share: 1 }] }] },
    });
  });

  it('when the new customer\'s card is opened, then it compares its time to first value with the star pupils\'', async () => {
    const card = await loadCardData(db, PORTAL, '2003');
    if (card.status !== 'ok') throw new Error(card.status);
    expect(card.score.firstValue).toEqual({ days: null, starPupils: 'star pupils reach first value by day 18; this customer is on day 40 without it' });
    const pupil = await loadCardData(db, PORTAL, '2001');
    expect(pupil.status === 'ok' && pupil.score.firstValue).toEqual({ days: 10, starPupils: 'star pupils reach first value by day 18; this customer reached it on day 10' });
  });
});
