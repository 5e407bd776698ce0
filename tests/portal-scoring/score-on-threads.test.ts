import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childTypes, DEFAULT_NOW, generatePortal } from '../../emulator/generator/index.ts';
import { scorePortal, type ScorePortalDeps } from '../../src/portal-scoring/score-portal.ts';
import { scoringPool, type PageScorer } from '../../src/portal-scoring/scoring-pool.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { usageRepository } from '../../src/store/usage-repository.ts';
import { isCustomer, syncSettingsFrom } from '../../src/sync/object-catalogue.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';

const PORTAL = 4_242;
// Pages of 25 companies, so that several are in flight on the threads at once.
const PAGE = 25;

/** A generated portal's first customers as a full sync leaves them: records, company links and 60 days of usage. */
const seed = async (db: Db): Promise<void> => {
  const portal = generatePortal({ size: 'S', seed: 7, portalId: PORTAL });
  const settings = syncSettingsFrom(defaultScoringConfig);
  const crm = crmRepository(db);
  const customers = portal.companies.flatMap((company, index) => (isCustomer(settings, company.properties) ? [{ company, index }] : []));
  await crm.upsertObjects(PORTAL, 'companies', customers.map(({ company }) => ({ id: company.id, properties: company.properties, updatedAt: company.updatedAt })));
  for (const type of childTypes) {
    const records = customers.flatMap(({ index }) => portal.children(index)[type].filter((r) => !r.archived));
    await crm.upsertObjects(PORTAL, type, records.map((r) => ({ id: r.id, properties: r.properties, updatedAt: r.updatedAt })));
    await crm.insertLinks(PORTAL, type, records.flatMap((r) => (r.companyId ? [{ child: r.id, company: r.companyId }] : [])));
  }
  await usageRepository(db).upsert(PORTAL, customers.flatMap(({ company }) => {
    const series = portal.usage(company.id);
    if (!series) return [];
    const start = Date.parse(`${series.startDate}T00:00:00Z`);
    return series.values.flatMap((value, day) => (day < series.values.length - 60 ? [] : [{
      companyId: company.id, day: new Date(start + day * 86_400_000).toISOString().slice(0, 10), metric: series.metric, value,
    }]));
  }));
};

describe('the score job on worker threads', () => {
  let db: Db;
  let scorer: PageScorer;
  const deps = (): ScorePortalDeps => ({ db, clock: fixedClock(DEFAULT_NOW), logger: createLogger({ level: 'silent' }), snapshots: storeSnapshotSource(db, PAGE) });
  /** Everything a whole-portal run leaves: its report, the stored rows, the coverage report and the star pupils. */
  const runAndRead = async (run: () => Promise<unknown>) => {
    for (const table of ['score_snapshots', 'data_coverage', 'star_pupil_profiles', 'score_failures']) await db.query(`DELETE FROM ${table} WHERE portal_id = $1`, [PORTAL]);
    const report = await run();
    const read = async (sql: string) => db.query(sql, [PORTAL]);
    return {
      report,
      stored: await read('SELECT company_id, scored_at, card::text AS card, health_score, cohort, arr, churned_at, churn_reason FROM score_snapshots WHERE portal_id = $1 ORDER BY company_id'),
      coverage: await read('SELECT report::text AS report FROM data_coverage WHERE portal_id = $1'),
      pupils: await read('SELECT profile::text AS profile FROM star_pupil_profiles WHERE portal_id = $1'),
    };
  };

  beforeAll(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
    await seed(db);
    scorer = scoringPool(2);
  }, 120_000);
  afterAll(async () => {
    await scorer.close();
    await db.close();
  });

  it('when a whole portal is scored on the threads, then its cards, stored rows, coverage and star pupils are those of scoring on the job\'s own thread', async () => {
    const here = await runAndRead(() => scorePortal(deps(), { portalId: PORTAL }));
    let pages = 0;
    const counted: PageScorer = { threads: scorer.threads, close: () => scorer.close(), score: (task) => { pages += 1; return scorer.score(task); } };
    const onThreads = await runAndRead(() => scorePortal({ ...deps(), scorer: counted }, { portalId: PORTAL }));

    expect(here.stored.length).toBeGreaterThan(4 * PAGE);
    expect(pages).toBe(Math.ceil(here.stored.length / PAGE));
    expect(JSON.stringify(onThreads)).toBe(JSON.stringify(here));
  }, 120_000);

  it('when some companies are rescored on the threads, then only those are scored and the run stores no portal-wide report', async () => {
    const ids = (await db.query<{ id: string }>("SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' ORDER BY object_id LIMIT 3", [PORTAL])).map((r) => r.id);

    const { report, coverage, pupils } = await runAndRead(() => scorePortal({ ...deps(), scorer }, { portalId: PORTAL, companyIds: ids }));

    expect(report).toMatchObject({ scored: 3, stored: 3, failed: [] });
    expect((report as { cards: Array<{ companyId: string }> }).cards.map((c) => c.companyId)).toEqual(ids);
    expect([coverage, pupils]).toEqual([[], []]);
  }, 60_000);
});
