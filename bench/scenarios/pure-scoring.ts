import { DEFAULT_NOW } from '../../emulator/generator/index.ts';
import { loadScoringHistory, scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/index.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { round } from '../lib/measure.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { seededStoreDir } from '../lib/seeded-store.ts';
import { quietLogger } from '../lib/waypoint.ts';

const PORTAL_ID = 9_000_001;
const DAY = 86_400_000;
// Weekly cards before today's run: the trend, the vector's baseline and "why it changed" read them.
const EARLIER_WEEKS = 4;

/**
 * `scoreCompany` alone, on one core: every customer of the portal with its stored history (the cards of earlier
 * weekly runs, overrides, play outcomes) already in memory, so nothing but the rules is timed.
 */
scenarioMain(async ({ size, seed }) => {
  const seeded = await seededStoreDir({ size, seed, portalId: PORTAL_ID });
  try {
    const db = await openStore({ kind: 'pglite', dataDir: seeded.dataDir });
    const snapshots = storeSnapshotSource(db);
    const nowMs = Date.parse(DEFAULT_NOW);
    for (let week = EARLIER_WEEKS; week >= 1; week--) {
      await scorePortal({ db, clock: fixedClock(new Date(nowMs - week * 7 * DAY).toISOString()), logger: quietLogger(), snapshots }, { portalId: PORTAL_ID });
    }
    const now = new Date(nowMs);
    const { history, overrides, outcomes } = await loadScoringHistory(db, PORTAL_ID, now);
    const inputs: CompanySnapshot[] = [];
    for await (const snapshot of snapshots.load(PORTAL_ID, defaultScoringConfig)) {
      const id = snapshot.company.id;
      inputs.push({ ...snapshot, previousCards: history.get(id) ?? [], milestoneOverrides: overrides.get(id) ?? [], playOutcomes: outcomes.get(id) ?? [] });
    }
    await db.close();
    // CPU time of this process, not wall time: per core, and less at the mercy of whatever else the machine runs.
    const pass = (): number => {
      const started = process.cpuUsage();
      for (const input of inputs) scoreCompany(input, defaultScoringConfig, now);
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    };
    pass();
    const ms = Math.min(pass(), pass());
    const cards = inputs.reduce((sum, input) => sum + (input.previousCards?.length ?? 0), 0);
    return {
      figures: { 'scoring.pureCompaniesPerSecPerCore': round(inputs.length / (ms / 1000), 0) },
      missing: {},
      notes: [`${size}: ${inputs.length} customers (${cards} earlier cards) scored in ${Math.round(ms)} CPU ms, best of two passes after a warm-up`],
    };
  } finally {
    await seeded.cleanup();
  }
});
