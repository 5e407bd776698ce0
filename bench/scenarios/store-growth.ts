import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crmRepository } from '../../src/store/crm-repository.ts';
import { openStore } from '../../src/store/open-store.ts';
import { plannerStatistics } from '../../src/store/planner-statistics.ts';
import { syncRepository } from '../../src/store/sync-repository.ts';
import { freshPostgresDatabase } from '../../tests/helpers/stores.ts';
import { round } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { costBySixth, timedStore } from '../lib/store-timing.ts';

const ROWS: Record<string, number> = { S: 12_000, M: 60_000, L: 240_000, XL: 480_000 };
const PAGE = 100;
const COMPANIES = 20_000;

/**
 * The full sync's write path with HubSpot taken out: pages of 100 children, each upserted with its company links,
 * checkpoint and progress in one transaction, into one growing table, as a list-strategy phase writes them. Without
 * the emulator sharing the CPU, the per-sixth cost shows whether a page's cost grows with the table. Statistics are
 * refreshed on the sync's own schedule.
 */
scenarioMain(async ({ size, store: storeKind }) => {
  const rows = ROWS[size] ?? 12_000;
  const dataDir = await mkdtemp(join(tmpdir(), 'waypoint-bench-growth-'));
  const postgres = storeKind === 'postgres' && process.env.DATABASE_URL ? await freshPostgresDatabase(process.env.DATABASE_URL) : undefined;
  const store = timedStore(await openStore(postgres ? { kind: 'postgres', databaseUrl: postgres.url } : { kind: 'pglite', dataDir }));
  const run = await syncRepository(store.db).startRun(1, 'full');
  const statistics = plannerStatistics(store.db);
  const started = performance.now();
  for (let first = 0; first < rows; first += PAGE) {
    const page = Array.from({ length: PAGE }, (_, i) => {
      const id = String(1_000_000 + first + i);
      return { id, properties: { email: `c${id}@example.com`, jobtitle: 'CSM', hs_lastmodifieddate: '2026-11-20T10:00:00.000Z' }, updatedAt: '2026-11-20T10:00:00.000Z' };
    });
    await store.db.transaction(async (tx) => {
      const crm = crmRepository(tx);
      await crm.upsertObjects(1, 'contacts', page);
      await crm.replaceChildLinks(1, 'contacts', new Map(page.map((r, i) => [r.id, [String((first + i) % COMPANIES)]])));
      await syncRepository(tx).saveRunCheckpoint(1, 'full', { listAfter: page.at(-1)?.id }, { runId: run.id, progress: { records: first + PAGE } });
    });
    // As the full sync does between pages (not timed as a page: it is the store's upkeep).
    await statistics.afterWrites(first + PAGE);
  }
  const elapsedMs = performance.now() - started;
  await store.db.close();
  await rm(dataDir, { recursive: true, force: true });
  await postgres?.drop();
  const sixths = costBySixth(store.pages);
  const key = (name: string) => `storeGrowth.${size}${postgres ? '.postgres' : ''}.${name}`;
  return {
    figures: { [key('firstSixthMsPer100Rows')]: round(sixths[0] ?? 0), [key('lastSixthMsPer100Rows')]: round(sixths[5] ?? 0), [key('lastSixthRatio')]: round((sixths[5] ?? 0) / (sixths[0] || 1)) },
    missing: {},
    notes: [`${size}: ${rows} rows in ${Math.round(elapsedMs)} ms; ms per 100 rows by sixth: ${sixths.map((ms) => ms.toFixed(1)).join(' / ')}`],
  };
});
