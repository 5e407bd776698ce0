import { parseArgs } from 'node:util';
import { doorForEmulator, quietLogger, syncDepsFor } from '../../../bench/lib/waypoint.ts';
import { syncPortal } from '../../../src/jobs/sync-portal.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { storeContentHash } from '../../../src/sync/store-content-hash.ts';
import { storeFromArgs } from './store-target.ts';

/**
 * One full sync of one portal in a process the test may kill -9 at any moment. It reports every HubSpot request
 * as it is sent, so the test can choose the moment, and the store's content hash once the sync is done.
 */
const { values } = parseArgs({
  options: {
    dataDir: { type: 'string' }, databaseUrl: { type: 'string' }, baseUrl: { type: 'string' }, token: { type: 'string' },
    portalId: { type: 'string' }, timeScale: { type: 'string', default: '0.01' },
  },
});
if (!values.baseUrl || !values.token || !values.portalId) throw new Error('sync-child needs --baseUrl --token --portalId');
const portalId = Number(values.portalId);
const logger = quietLogger();
const db = await openStore(storeFromArgs(values));
let requests = 0;
const hubspot = doorForEmulator({
  baseUrl: values.baseUrl, tokens: { [portalId]: values.token }, timeScale: Number(values.timeScale), logger,
  onRequest: () => process.send?.({ type: 'request', n: (requests += 1) }),
});
const result = await syncPortal(syncDepsFor(db, hubspot, logger), { portalId, mode: 'full' });
const hash = await storeContentHash(db, portalId);
await db.close();
process.send?.({ type: 'done', hash, requests, mode: result.mode }, () => process.exit(0));
