import { createHash } from 'node:crypto';
import { servicesWithDoor } from '../../../bench/lib/production-workers.ts';
import { syncDepsFor } from '../../../bench/lib/waypoint.ts';
import { registerWorkers } from '../../../src/composition/workers.ts';
import { scoringPool } from '../../../src/portal-scoring/scoring-pool.ts';
import { fixedClock } from '../../../src/shared/clock.ts';
import type { Db } from '../../../src/store/db.ts';
import { inlineQueue } from '../../helpers/inline-queue.ts';
import { finish, killableChildSetup } from './child-setup.ts';

/**
 * The production score-portal job (the handler registerWorkers gives the queue) for one portal, in a process the test
 * may kill -9 at any moment. Every start runs the same job id, as the queue's retry of a job whose worker died does.
 * It reports each stored card ('stored') and each HubSpot request ('request') so the test can pick the moment.
 */
const { portalId, logger, db, hubspot, now, baseUrl, requests } = await killableChildSetup();
if (!now) throw new Error('score-job-child needs --now, the instant the job scores at');
let stored = 0;
const cardsIn = (params?: readonly unknown[]): number => {
  const cards = params?.[2];
  return typeof cards === 'string' ? (JSON.parse(cards) as unknown[]).length : 1;
};
const reporting: Db = {
  ...db,
  query: async <Row>(sql: string, params?: readonly unknown[]) => {
    const rows = await db.query<Row>(sql, params);
    // Cards go 500 to a statement: count the cards each one stored, so a kill point is a card count as before.
    if (sql.includes('INSERT INTO score_snapshots')) process.send?.({ type: 'stored', n: (stored += cardsIn(params)) });
    return rows;
  },
};
const queue = inlineQueue();
await registerWorkers(servicesWithDoor({
  db: reporting, queue, clock: fixedClock(now), logger, hubspot, syncDeps: syncDepsFor(reporting, hubspot, logger),
  apiBaseUrl: baseUrl, publicBaseUrl: 'http://127.0.0.1:1',
// On worker threads as `npm start` scores, so a kill lands while pages are out on them too.
}), { scorer: scoringPool() });
await queue.run('score-portal', { portalId }, 'score-job-1');

// Every stored card row, so the test can tell the store holds exactly what an uninterrupted run leaves.
const rows = await db.query<{ company_id: string; scored_at: Date; card: unknown }>(
  'SELECT company_id, scored_at, card FROM score_snapshots WHERE portal_id = $1 ORDER BY company_id, scored_at', [portalId]);
const cards = createHash('sha256').update(JSON.stringify(rows.map((r) => [r.company_id, new Date(r.scored_at).toISOString(), r.card]))).digest('hex');
const [pending] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rescore_requests WHERE portal_id = $1', [portalId]);
await db.close();
finish({ type: 'done', requests: requests(), stored, cardRows: rows.length, cards, pending: pending?.n ?? -1 });
