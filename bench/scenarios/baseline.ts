import { openStore } from '../../src/store/open-store.ts';
import { scenarioMain } from '../lib/scenario-main.ts';

/** The floor under every peak RSS figure: a process holding nothing but an empty, migrated embedded store. */
scenarioMain(async () => {
  const db = await openStore({ kind: 'pglite', dataDir: undefined });
  await db.close();
  return { figures: {}, missing: {}, notes: [] };
}, () => 'baseline.emptyStoreRssMb');
