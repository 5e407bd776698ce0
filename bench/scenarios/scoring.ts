import { DEFAULT_NOW } from '../../emulator/generator/index.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
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

/**
 * The score job over every customer of a synced portal (snapshots from the store, scoring, storing the cards) against
 * a plain read of the same rows from the same store.
 */
scenarioMain(async ({ size, seed }) => {
  const seeded = await seededStoreDir({ size, seed, portalId: PORTAL_ID });
  try {
    const db = await openStore({ kind: 'pglite', dataDir: seeded.dataDir });
    await plainRead(db);
    const read = await timed(() => plainRead(db));
    const deps = { db, clock: fixedClock(DEFAULT_NOW), logger: quietLogger(), snapshots: storeSnapshotSource(db) };
    const scoring = await timed(() => scorePortal(deps, { portalId: PORTAL_ID }));
    await db.close();
    return {
      figures: {
        'scoring.companiesPerSec': round(scoring.value.scored / (scoring.ms / 1000), 0),
        'scoring.ratioToRead': round(scoring.ms / read.ms),
      },
      missing: {},
      notes: [`${size}: ${scoring.value.scored} customers scored in ${Math.round(scoring.ms)} ms; plain read of ${read.value} rows ${Math.round(read.ms)} ms`],
    };
  } finally {
    await seeded.cleanup();
  }
}, () => 'scoring.peakRssMb');
