import { syncDepsFor } from '../../../bench/lib/waypoint.ts';
import { syncPortal } from '../../../src/jobs/sync-portal.ts';
import { storeContentHash } from '../../../src/sync/store-content-hash.ts';
import { finish, killableChildSetup } from './child-setup.ts';

/** One full sync of one portal (resuming any interrupted one) in a process the test may kill -9 at any moment. */
const { portalId, logger, db, hubspot, requests } = await killableChildSetup();
const result = await syncPortal(syncDepsFor(db, hubspot, logger), { portalId, mode: 'full' });
const hash = await storeContentHash(db, portalId);
await db.close();
finish({ type: 'done', hash, requests: requests(), mode: result.mode });
