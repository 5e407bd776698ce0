import { parseArgs } from 'node:util';
import { servicesWithDoor } from '../../../bench/lib/production-workers.ts';
import { doorForEmulator, quietLogger, syncDepsFor } from '../../../bench/lib/waypoint.ts';
import { registerWorkers } from '../../../src/composition/workers.ts';
import { startQueue, type Queue } from '../../../src/jobs/queue.ts';
import { systemClock } from '../../../src/shared/clock.ts';
import { openStore } from '../../../src/store/open-store.ts';

/**
 * A worker process as production runs it on a shared PostgreSQL: the real queue with every job handler that
 * registerWorkers (src/composition/workers.ts) gives it; only the door holds the emulator's tokens directly. It
 * reports when each sync-portal job starts and ends (IPC), so the test can check no portal was ever synced twice at once.
 */
const { values } = parseArgs({
  options: { name: { type: 'string' }, databaseUrl: { type: 'string' }, baseUrl: { type: 'string' }, tokens: { type: 'string' }, timeScale: { type: 'string', default: '0.01' } },
});
if (!values.name || !values.databaseUrl || !values.baseUrl || !values.tokens) throw new Error('production-worker needs --name --databaseUrl --baseUrl --tokens');
const name = values.name;
const logger = quietLogger();
const db = await openStore({ kind: 'postgres', databaseUrl: values.databaseUrl });
const hubspot = doorForEmulator({ baseUrl: values.baseUrl, tokens: JSON.parse(values.tokens) as Record<string, string>, timeScale: Number(values.timeScale), logger });
const queue = await startQueue(db, logger);

// Wraps the handlers registerWorkers installs, as the metrics wrapper does in production, to report sync runs.
const reporting: Queue = {
  ...queue,
  work: (job, handler, options) => queue.work(job, async (data, context) => {
    if (job !== 'sync-portal') return handler(data, context);
    const report = (type: 'start' | 'end', extra: Record<string, unknown> = {}) =>
      process.send?.({ type, worker: name, portalId: data.portalId, jobId: context.jobId, at: Date.now(), ...extra });
    report('start');
    try {
      await handler(data, context);
      report('end', { ok: true });
    } catch (error) {
      report('end', { ok: false, error: String(error) });
      throw error;
    }
  }, options),
};
await registerWorkers(servicesWithDoor({
  db, queue: reporting, clock: systemClock, logger, hubspot, syncDeps: syncDepsFor(db, hubspot, logger),
  apiBaseUrl: values.baseUrl, publicBaseUrl: 'http://127.0.0.1:1',
}));
process.on('message', (message) => {
  if ((message as { type?: string }).type !== 'stop') return;
  void queue.stop({ timeoutMs: 10_000 }).then(() => db.close()).then(() => process.exit(0));
});
process.send?.({ type: 'ready', worker: name });
