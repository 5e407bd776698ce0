import { DEFAULT_NOW } from '../../emulator/generator/index.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { scoringPool } from '../../src/portal-scoring/scoring-pool.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { freshPostgresDatabase } from '../../tests/helpers/stores.ts';
import { round, timed } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';
import { quietLogger } from '../lib/waypoint.ts';

const PORTAL_ID = 9_000_001;

/** Every row scoring reads for the portal, fetched and dropped: the floor any scoring run stands on. */
const plainRead = async (db: Db): Promise<number> => {
  let rows = 0;
  for (const table of ['crm_objects', 'crm_associations', 'usage_metrics']) rows += (await db.query(`SELECT * FROM ${table} WHERE portal_id = $1`, [PORTAL_ID])).length;
  return rows;
};

const prefix = (store: string) => (store === 'postgres' ? 'scoring.postgres' : 'scoring');

/**
 * The score job over every customer of a synced portal (snapshots from the store, scoring, storing the cards) against
 * a plain read of the same rows from the same store, on the embedded store or (`--store postgres`) on a fresh
 * database on the server in DATABASE_URL.
 */
scenarioMain(async ({ size, seed, store }) => {
  const url = process.env.DATABASE_URL;
  if (store === 'postgres' && !url) throw new Error('--store postgres needs DATABASE_URL (scripts/test-postgres.sh prints one)');
  const postgres = store === 'postgres' && url ? await freshPostgresDatabase(url) : undefined;
  const seeded = await seededStoreDir({ size, seed, portalId: PORTAL_ID, ...(postgres ? { databaseUrl: postgres.url } : {}) });
  try {
    const db = await openStore(postgres ? { kind: 'postgres', databaseUrl: postgres.url } : { kind: 'pglite', dataDir: seeded.dataDir });
    // A synced store has planner statistics (the sync analyses the embedded store; PostgreSQL's autovacuum gets there).
    await db.query('ANALYZE');
    await plainRead(db);
    const read = await timed(() => plainRead(db));
    // The worker threads a worker process scores on with the embedded store (src/main.ts), started by the run as there.
    const scorer = postgres ? undefined : scoringPool();
    const deps = { db, clock: fixedClock(DEFAULT_NOW), logger: quietLogger(), snapshots: storeSnapshotSource(db), ...(scorer ? { scorer } : {}) };
    const scoring = await timed(() => scorePortal(deps, { portalId: PORTAL_ID }));
    await scorer?.close();
    await db.close();
    return {
      figures: {
        [`${prefix(store)}.companiesPerSec`]: round(scoring.value.scored / (scoring.ms / 1000), 0),
        [`${prefix(store)}.ratioToRead`]: round(scoring.ms / read.ms),
      },
      missing: {},
      notes: [`${size} ${store}: ${scoring.value.scored} customers scored in ${Math.round(scoring.ms)} ms; plain read of ${read.value} rows ${Math.round(read.ms)} ms`],
    };
  } finally {
    await seeded.cleanup();
    await postgres?.drop();
  }
}, ({ store }) => `${prefix(store)}.peakRssMb`);
