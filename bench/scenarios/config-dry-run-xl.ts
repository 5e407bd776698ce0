import { loadavg } from 'node:os';
import { DEFAULT_NOW } from '../../emulator/generator/index.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { dryRunConfig } from '../../src/server/scoring-config/dry-run.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { isAppError } from '../../src/shared/errors.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { round, timed } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';

const PORTAL_ID = 9_000_003;
// 100 days of daily usage per customer (the M scenario's 180 would be some 12 million rows to seed on XL): the
// success vector, the furthest look back at usage, compares with 90 days ago.
const USAGE_DAYS = 100;

/**
 * The settings page's dry run on a 100,000-company portal, as the web process runs it, with its real time budget:
 * how long it takes and how much memory it holds above the open store, or after how many companies the budget
 * stopped it. The store is seeded by a child, so only the dry run's own memory is in this process's peak.
 */
scenarioMain(async ({ size, seed }) => {
  const prefix = `configDryRun.${size}`;
  const seeded = await seededStoreDir({ size, seed, portalId: PORTAL_ID, usageDays: USAGE_DAYS, timeoutMs: 90 * 60_000 });
  try {
    const db = await openStore({ kind: 'pglite', dataDir: seeded.dataDir });
    const openRssMb = process.memoryUsage().rss / 1_048_576;
    const draft = { ...defaultScoringConfig, fit: { ...defaultScoringConfig.fit, bad: [...defaultScoringConfig.fit.bad, { op: 'in' as const, property: 'industry', values: ['RETAIL', 'HOSPITALITY'] }] } };
    let progressReports = 0;
    let lastProgress = '';
    let peakDuringMb = openRssMb;
    // The machine's load while it ran: on a shared machine the seconds say more about the neighbours than the dry run.
    const loads: number[] = [];
    const sampler = setInterval(() => {
      peakDuringMb = Math.max(peakDuringMb, process.memoryUsage().rss / 1_048_576);
      loads.push(loadavg()[0] ?? 0);
    }, 250);
    const meanLoad = () => round(loads.reduce((sum, load) => sum + load, 0) / Math.max(1, loads.length), 1);
    try {
      const dryRun = await timed(() => dryRunConfig({ db, clock: fixedClock(DEFAULT_NOW), snapshots: storeSnapshotSource(db) }, PORTAL_ID, draft, {
        onProgress: (p) => { progressReports += 1; lastProgress = `${p.phase} ${p.companiesDone}`; },
      }));
      const { companies, changes, fitChanged } = dryRun.value;
      return {
        figures: {
          [`${prefix}.seconds`]: round(dryRun.ms / 1000, 1),
          [`${prefix}.companiesPerSec`]: round(companies / (dryRun.ms / 1000), 0),
          [`${prefix}.rssAboveOpenStoreMb`]: round(peakDuringMb - openRssMb, 1),
          [`${prefix}.loadAverage`]: meanLoad(),
        },
        missing: {},
        notes: [`${size}: ${companies} customers in ${Math.round(dryRun.ms / 1000)} s, ${progressReports} progress reports (last: ${lastProgress}), fit changed on ${fitChanged}, ${changes.length} listed`],
      };
    } catch (error) {
      if (!isAppError(error) || error.code !== 'DRY_RUN_TIMED_OUT') throw error;
      return {
        figures: { [`${prefix}.rssAboveOpenStoreMb`]: round(peakDuringMb - openRssMb, 1), [`${prefix}.loadAverage`]: meanLoad() },
        missing: { [`${prefix}.seconds`]: error.message, [`${prefix}.companiesPerSec`]: error.message },
        notes: [`${size}: ${error.message} (${progressReports} progress reports, last: ${lastProgress})`],
      };
    } finally {
      clearInterval(sampler);
      await db.close();
    }
  } finally {
    await seeded.cleanup();
  }
}, ({ size }) => `configDryRun.${size}.peakRssMb`);
