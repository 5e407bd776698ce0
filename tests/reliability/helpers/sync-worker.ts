import { parseArgs } from 'node:util';
import { doorForEmulator, quietLogger, syncDepsFor } from '../../../bench/lib/waypoint.ts';
import { startQueue } from '../../../src/jobs/queue.ts';
import { syncPortal } from '../../../src/jobs/sync-portal.ts';
import { openStore } from '../../../src/store/open-store.ts';

/**
 * A worker process as production runs it on a shared PostgreSQL: the real queue consuming 'sync-portal' jobs.
 * It reports when each job starts and ends (IPC), so the test can check no portal was ever synced twice at once.
 */
const { values } = parseArgs({
  options: { name: { type: 'string' }, databaseUrl: { type: 'string' }, baseUrl: { type: 'string' }, tokens: { type: 'string' }, timeScale: { type: 'string', default: '0.01' } },
});
if (!values.name || !values.databaseUrl || !values.baseUrl || !values.tokens) throw new Error('sync-worker needs --name --databaseUrl --baseUrl --tokens');
const name = values.name;
const logger = quietLogger();
const db = await openStore({ kind: 'postgres', databaseUrl: values.databaseUrl });
const hubspot = doorForEmulator({ baseUrl: values.baseUrl, tokens: JSON.parse(values.tokens) as Record<string, string>, timeScale: Number(values.timeScale), logger });
const deps = syncDepsFor(db, hubspot, logger);
const queue = await startQueue(db, logger);
await queue.work('sync-portal', async (data, { jobId, signal }) => {
  process.send?.({ type: 'start', worker: name, portalId: data.portalId, jobId, at: Date.now() });
  try {
    await syncPortal(deps, { portalId: data.portalId, mode: data.mode === 'incremental' ? 'incremental' : 'full', signal });
    process.send?.({ type: 'end', worker: name, portalId: data.portalId, jobId, at: Date.now(), ok: true });
  } catch (error) {
    process.send?.({ type: 'end', worker: name, portalId: data.portalId, jobId, at: Date.now(), ok: false, error: String(error) });
    throw error;
  }
});
process.on('message', (message) => {
  if ((message as { type?: string }).type !== 'stop') return;
  void queue.stop({ timeoutMs: 10_000 }).then(() => db.close()).then(() => process.exit(0));
});
process.send?.({ type: 'ready', worker: name });
