import { DEFAULT_NOW } from '../../emulator/generator/index.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { dryRunConfig } from '../../src/server/scoring-config/dry-run.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { round, timed } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';
import { quietLogger } from '../lib/waypoint.ts';

const PORTAL_ID = 9_000_002;

/**
 * The settings page's whole-portal dry run (two scoring passes, current and proposed config, nothing stored) against
 * the score job over the same portal:
 * what a save costs before it is applied.
 */
scenarioMain(async ({ size, seed }) => {
  const seeded = await seededStoreDir({ size, seed, portalId: PORTAL_ID });
  try {
    const db = await openStore({ kind: 'pglite', dataDir: seeded.dataDir });
    const clock = fixedClock(DEFAULT_NOW);
    const snapshots = storeSnapshotSource(db);
    const scoring = await timed(() => scorePortal({ db, clock, logger: quietLogger(), snapshots }, { portalId: PORTAL_ID }));
    const draft = { ...defaultScoringConfig, fit: { ...defaultScoringConfig.fit, bad: [...defaultScoringConfig.fit.bad, { op: 'in' as const, property: 'industry', values: ['RETAIL', 'HOSPITALITY'] }] } };
    let progressReports = 0;
    const dryRun = await timed(() => dryRunConfig({ db, clock, snapshots }, PORTAL_ID, draft, { onProgress: () => { progressReports += 1; } }));
    await db.close();
    const companies = dryRun.value.companies;
    return {
      figures: {
        'configDryRun.ratioToScoring': round(dryRun.ms / scoring.ms),
        'configDryRun.companiesPerSec': round(companies / (dryRun.ms / 1000), 0),
      },
      missing: {},
      notes: [`${size}: dry run over ${companies} customers in ${Math.round(dryRun.ms)} ms (${progressReports} progress reports), ${dryRun.value.changes.length} listed; score job ${Math.round(scoring.ms)} ms`],
    };
  } finally {
    await seeded.cleanup();
  }
}, () => 'configDryRun.peakRssMb');
