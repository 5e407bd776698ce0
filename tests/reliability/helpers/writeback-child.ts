import { parseArgs } from 'node:util';
import { doorForEmulator, quietLogger } from '../../../bench/lib/waypoint.ts';
import { writebackPortal } from '../../../src/jobs/writeback-portal.ts';
import { fixedClock } from '../../../src/shared/clock.ts';
import { openStore } from '../../../src/store/open-store.ts';
import { storeFromArgs } from './store-target.ts';

/** One write-back of a scored portal in a process the test may kill -9; reports each request as it is sent. */
const { values } = parseArgs({
  options: {
    dataDir: { type: 'string' }, databaseUrl: { type: 'string' }, baseUrl: { type: 'string' }, token: { type: 'string' },
    portalId: { type: 'string' }, timeScale: { type: 'string', default: '0.01' }, now: { type: 'string' },
  },
});
if (!values.baseUrl || !values.token || !values.portalId || !values.now) throw new Error('writeback-child needs --baseUrl --token --portalId --now');
const portalId = Number(values.portalId);
const logger = quietLogger();
const db = await openStore(storeFromArgs(values));
let requests = 0;
const hubspot = doorForEmulator({
  baseUrl: values.baseUrl, tokens: { [portalId]: values.token }, timeScale: Number(values.timeScale), logger,
  onRequest: () => process.send?.({ type: 'request', n: (requests += 1) }),
});
const report = await writebackPortal({ db, hubspot, clock: fixedClock(values.now), logger }, { portalId });
await db.close();
process.send?.({ type: 'done', requests, written: report.written, failed: report.failed.length }, () => process.exit(0));
