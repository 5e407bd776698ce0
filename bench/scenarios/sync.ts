import type { StatsSnapshot } from '../../emulator/server/index.ts';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.ts';
import { freshPostgresDatabase } from '../../tests/helpers/stores.ts';
import { rateUtilization } from '../lib/budget-use.ts';
import { startEmulatorProcess } from '../lib/emulator-process.ts';
import { round } from '../lib/measure.ts';
import { costBySixth, timedStore } from '../lib/store-timing.ts';
import { scenarioMain } from '../lib/scenario-main.ts';
import { doorForEmulator, quietLogger, syncDepsFor } from '../lib/waypoint.ts';

// A 10 s window becomes 1 s: HubSpot's budgets ten times faster, so the bench ends in minutes yet a sync that kept
// up with the real budget would still be held back by it.
const TIME_SCALE = 0.1;

const requiredDatabaseUrl = (): string => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('--store postgres needs DATABASE_URL (scripts/test-postgres.sh prints one)');
  return url;
};

/** A full sync of one generated portal into the embedded store (or PostgreSQL), the emulator enforcing HubSpot's rate limits. */
scenarioMain(async ({ size, seed, store: storeKind }) => {
  const emulator = await startEmulatorProcess({ size: size as 'S', seed, timeScale: TIME_SCALE });
  try {
    const portalId = emulator.portalIds[0] as number;
    // On disk under a data folder, as `npm start` runs it: PGlite's in-memory file system regrows its files by copying
    // them, which made large syncs look store-bound in a way no user's store is.
    const dataDir = await mkdtemp(join(tmpdir(), 'waypoint-bench-sync-'));
    const postgres = storeKind === 'postgres' ? await freshPostgresDatabase(requiredDatabaseUrl()) : undefined;
    const store = timedStore(await openStore(postgres ? { kind: 'postgres', databaseUrl: postgres.url } : { kind: 'pglite', dataDir }));
    const db = store.db;
    const logger = quietLogger();
    const hubspot = doorForEmulator({ baseUrl: emulator.baseUrl, tokens: emulator.tokens, timeScale: TIME_SCALE, logger });
    const cpuBefore = await emulator.rpc.call<number>('cpuMs');
    const started = performance.now();
    const result = await syncPortal(syncDepsFor(db, hubspot, logger), { portalId, mode: 'full' });
    const elapsedMs = performance.now() - started;
    if (result.mode !== 'full') throw new Error(`a first sync ran as ${result.mode}, not full`);
    const emulatorCpuMs = (await emulator.rpc.call<number>('cpuMs')) - cpuBefore;
    const seen = (await emulator.rpc.call<StatsSnapshot>('stats')).byPortal[String(portalId)];
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.drop();
    const key = (name: string) => `sync.${size}${postgres ? '.postgres' : ''}.${name}`;
    const sixths = costBySixth(store.pages);
    return {
      figures: {
        [key('requests')]: hubspot.stats(portalId).requests,
        [key('minRequests')]: result.minimumRequests,
        [key('rateUtilization')]: round(rateUtilization(hubspot.stats(portalId), elapsedMs, TIME_SCALE)),
        [key('http429')]: seen?.http429 ?? 0,
        [key('seconds')]: round(elapsedMs / 1000, 1),
        // Store time per 100 written rows, last sixth of the pages over the first: 1 means flat as the table grows.
        [key('lastSixthRatio')]: round((sixths[5] ?? 0) / (sixths[0] || 1)),
        // The emulator's CPU over the sync's wall time: the share of one core the bench spent being HubSpot.
        [key('emulatorCpuShare')]: round(emulatorCpuMs / elapsedMs),
      },
      missing: {},
      notes: [
        `${size}: ${Math.round(elapsedMs)} ms with rate windows scaled by ${TIME_SCALE}`,
        `${size}: store ms per 100 rows by sixth of ${store.pages.length} pages: ${sixths.map((ms) => ms.toFixed(1)).join(' / ')}`,
      ],
    };
  } finally {
    await emulator.stop();
  }
}, ({ size, store }) => `sync.${size}${store === 'postgres' ? '.postgres' : ''}.peakRssMb`);
