import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { portfolioRepository } from '../../src/store/portfolio-repository.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeBackends } from '../helpers/stores.ts';
import { healthyCard, NOW } from '../writeback/support.ts';

const PORTAL = 7171;
const OTHER_PORTAL = 7272;
const ARR = 'annual_recurring_revenue';

const card = (companyId: string, over: Partial<ScoreCard>, at: Date = NOW): ScoreCard => ({ ...healthyCard(companyId, at), churn: null, ...over });
const churn = { avoidable: true, expected: false, reason: 'went to a competitor' };

describe.each(storeBackends())('cohorts by segment on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    const companies = [['1', '10000'], ['2', '5000.5'], ['3', 'about 40k'], ['4', '7000'], ['5', '9000'], ['6', '3000']] as const;
    await crmRepository(db).upsertObjects(PORTAL, 'companies', companies.map(([id, arr]) => ({ id, properties: { name: `Company ${id}`, [ARR]: arr } })));
    await crmRepository(db).upsertObjects(OTHER_PORTAL, 'companies', [{ id: '1', properties: { [ARR]: '99999' } }]);
    await db.query(`UPDATE crm_objects SET archived = true WHERE portal_id = $1 AND object_id = '5'`, [PORTAL]);
    const earlier = new Date(NOW.getTime() - 86_400_000);
    await scoresRepository(db).insertMany(PORTAL, [card('6', { segment: 'small', cohort: 'positive' }, earlier)], null);
    await scoresRepository(db).insertMany(PORTAL, [
      card('1', { segment: 'small', cohort: 'positive' }),
      card('2', { segment: 'small', cohort: 'positive' }),
      card('3', { segment: 'large', cohort: 'negative' }),
      card('4', { segment: 'small', cohort: 'negative', churn }),
      card('5', { segment: 'small', cohort: 'positive' }),
      card('6', { segment: 'small', cohort: 'dark' }),
    ], null);
    await scoresRepository(db).insertMany(OTHER_PORTAL, [card('1', { segment: 'small', cohort: 'positive' })], null);
  });
  afterAll(async () => cleanup());

  it('when customers are scored, then each live company counts once, in its latest cohort, with its ARR, and churned ones apart', async () => {
    const table = await portfolioRepository(db).cohortsBySegment(PORTAL, ARR);
    expect(table.cells).toEqual([
      // An ARR that is not a number counts the customer but adds no revenue.
      { segment: 'large', cohort: 'negative', customers: 1, arr: 0 },
      { segment: 'small', cohort: 'dark', customers: 1, arr: 3000 },
      { segment: 'small', cohort: 'positive', customers: 2, arr: 15000.5 },
    ]);
    expect(table.churned).toEqual([{ segment: 'small', customers: 1, arr: 7000 }]);
  });

  it('when a stock portal maps no ARR property, then each cell sums the ARR its cards were scored with (read from the deals)', async () => {
    const stock = 7373;
    await crmRepository(db).upsertObjects(stock, 'companies', [{ id: '1', properties: { name: 'Deal-priced' } }, { id: '2', properties: { name: 'Also' } }]);
    await scoresRepository(db).insertMany(stock, [card('1', { segment: 'mid', cohort: 'positive' }), card('2', { segment: 'mid', cohort: 'positive' })], null,
      new Map([['1', { arr: 24_000 }], ['2', { arr: 6_000 }]]));
    expect((await portfolioRepository(db).cohortsBySegment(stock, ARR)).cells).toEqual([{ segment: 'mid', cohort: 'positive', customers: 2, arr: 30_000 }]);
  });

  it('when the portal has no score cards, then the table is empty rather than another portal\'s', async () => {
    expect(await portfolioRepository(db).cohortsBySegment(8383, ARR)).toEqual({ cells: [], churned: [] });
  });
});
