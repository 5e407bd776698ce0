import { DEFAULT_NOW } from '../../emulator/generator/index.ts';
import { BACKFILL_PLAN, runBackfill } from '../../src/jobs/backfill-portal.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { round, timed } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';
import { quietLogger } from '../lib/waypoint.ts';

const PORTAL_ID = 9_000_001;

/**
 * The backfill job (26 weekly as-of points for every customer, the cards stored) against one scoring pass of the same
 * portal in the same process and store: a ratio, so it says what a point costs next to a fresh score.
 */
scenarioMain(async ({ size, seed }) => {
  const seeded = await seededStoreDir({ size, seed, portalId: PORTAL_ID });
  try {
    const db = await openStore({ kind: 'pglite', dataDir: seeded.dataDir });
    const deps = { db, clock: fixedClock(DEFAULT_NOW), logger: quietLogger(), snapshots: storeSnapshotSource(db) };
    const scoring = await timed(() => scorePortal(deps, { portalId: PORTAL_ID }));
    const backfill = await timed(() => runBackfill(deps, { portalId: PORTAL_ID }));
    await db.close();
    const report = backfill.value;
    if (!report) throw new Error('the backfill found its run already done on a fresh store');
    return {
      figures: {
        'backfill.ratioToScoring': round(backfill.ms / scoring.ms),
        'backfill.cardsPerSec': round(report.cards / (backfill.ms / 1000), 0),
      },
      missing: {},
      notes: [
        `${size}: one scoring pass of ${scoring.value.scored} customers ${Math.round(scoring.ms)} ms; backfill of ${BACKFILL_PLAN.points} points, `
          + `${report.cards} cards for ${report.companies} customers ${Math.round(backfill.ms)} ms (${round(backfill.ms / scoring.ms / BACKFILL_PLAN.points, 2)}x a pass per point)`,
      ],
    };
  } finally {
    await seeded.cleanup();
  }
}, () => 'backfill.peakRssMb');
