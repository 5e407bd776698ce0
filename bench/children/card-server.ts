import { parseArgs } from 'node:util';
import { DEFAULT_NOW } from '../../emulator/generator/index.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { createApp } from '../../src/server/create-app.ts';
import { listen } from '../../src/server/listen.ts';
import { verifyHubSpotSignature } from '../../src/server/middleware/verify-hubspot-signature.ts';
import { cardDataRouter } from '../../src/server/routes/get-card-data.ts';
import { fixedClock, systemClock } from '../../src/shared/clock.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { createCardCache } from '../../src/server/cards/card-cache.ts';
import { markInstalled } from '../lib/production-workers.ts';
import { quietLogger } from '../lib/waypoint.ts';

/**
 * Waypoint's web role in a process of its own, for the card benchmark: a seeded store, scored once, the portal
 * installed, and the signed card route next to the trivial /healthz on one server.
 */
const { values } = parseArgs({ options: { dataDir: { type: 'string' }, databaseUrl: { type: 'string' }, portalId: { type: 'string' }, clientSecret: { type: 'string' }, publicBaseUrl: { type: 'string' } } });
if ((!values.dataDir && !values.databaseUrl) || !values.portalId || !values.clientSecret || !values.publicBaseUrl) throw new Error('card-server needs --dataDir or --databaseUrl, --portalId --clientSecret --publicBaseUrl');
const portalId = Number(values.portalId);
const logger = quietLogger();
const db = await openStore(values.databaseUrl ? { kind: 'postgres', databaseUrl: values.databaseUrl } : { kind: 'pglite', dataDir: values.dataDir! });
const scored = await scorePortal({ db, clock: fixedClock(DEFAULT_NOW), logger, snapshots: storeSnapshotSource(db) }, { portalId });
await markInstalled(db, portalId);
const verify = verifyHubSpotSignature({ clientSecret: values.clientSecret, publicBaseUrl: values.publicBaseUrl, clock: systemClock });
const app = createApp({ logger, db, routers: [cardDataRouter({ db, cardCache: createCardCache(), verifyHubSpotSignature: verify })] });
const server = await listen(app, 0, '127.0.0.1');
process.send?.({ type: 'listening', port: server.port, companyIds: scored.cards.map((card) => card.companyId) });
