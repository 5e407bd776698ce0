import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open-store.ts';
import { scenarioMain } from '../lib/scenario-main.ts';

/**
 * The floor under every peak RSS figure: a process holding nothing but an empty, migrated embedded store, opened in
 * a new data folder as `npm start` opens DATA_DIR (node --liftoff-only, from the initialised template).
 */
scenarioMain(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'waypoint-bench-baseline-'));
  const db = await openStore({ kind: 'pglite', dataDir });
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
  return { figures: {}, missing: {}, notes: [`started with ${process.execArgv.join(' ') || 'no node flags'}`] };
}, () => 'baseline.emptyStoreRssMb');
