import { createHash } from 'node:crypto';
import { servicesWithDoor } from '../../../bench/lib/production-workers.ts';
import { syncDepsFor } from '../../../bench/lib/waypoint.ts';
import { registerWorkers } from '../../../src/composition/workers.ts';
import { fixedClock } from '../../../src/shared/clock.ts';
import type { Db } from '../../../src/store/db.ts';
import { inlineQueue } from '../../helpers/inline-queue.ts';
import { finish, killableChildSetup } from './child-setup.ts';

/**
 * The production backfill-portal job (the handler registerWorkers gives the queue) for one portal, in a process the
 * test may kill -9 at any moment. Each start is the queue's retry, at a later clock: the points must still be the
 * first start's. It reports each committed checkpoint ('stored', with the chunks so far) so the test can pick the moment.
 */
const { portalId, logger, db, hubspot, now, baseUrl } = await killableChildSetup();
if (!now) throw new Error('backfill-job-child needs --now, the instant the job runs at');
let chunks = 0;
const reporting: Db = {
  ...db,
  transaction: async (fn) => {
    const result = await db.transaction(fn);
    process.send?.({ type: 'stored', n: (chunks += 1) });
    return result;
  },
};
const inline = inlineQueue();
// The rescore the backfill asks for at its end is the score job's business (and HubSpot's): here it is only noted.
const queue = { ...inline, enqueue: async (...args: Parameters<typeof inline.enqueue>) => (args[0] === 'score-portal' ? 'noted' : inline.enqueue(...args)) };
await registerWorkers(servicesWithDoor({
  db: reporting, queue, clock: fixedClock(now), logger, hubspot, syncDeps: syncDepsFor(reporting, hubspot, logger),
  apiBaseUrl: baseUrl, publicBaseUrl: 'http://127.0.0.1:1',
}));
await inline.run('backfill-portal', { portalId }, 'backfill-job-1');

const rows = await db.query<{ company_id: string; scored_at: Date; card: unknown }>(
  'SELECT company_id, scored_at, card FROM score_snapshots WHERE portal_id = $1 AND backfilled ORDER BY company_id, scored_at', [portalId]);
const cards = createHash('sha256').update(JSON.stringify(rows.map((r) => [r.company_id, new Date(r.scored_at).toISOString(), r.card]))).digest('hex');
const [distinct] = await db.query<{ n: number }>(
  'SELECT count(DISTINCT (company_id, scored_at))::int AS n FROM score_snapshots WHERE portal_id = $1 AND backfilled', [portalId]);
const [run] = await db.query<{ status: string; cards_stored: number }>('SELECT status, cards_stored FROM backfill_runs WHERE portal_id = $1', [portalId]);
const [rescore] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rescore_requests WHERE portal_id = $1', [portalId]);
await db.close();
finish({
  type: 'done', chunks, cardRows: rows.length, distinct: distinct?.n ?? -1, cards, status: run?.status ?? null,
  cardsStored: run?.cards_stored ?? -1, rescoreRequests: rescore?.n ?? -1,
});
