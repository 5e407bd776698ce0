import type { RequestHandler } from 'express';
import type { Db } from '../../store/db.ts';
import { pendingMigrations } from '../../store/migrate.ts';

/** GET /healthz: the process is up and serving HTTP. Deliberately touches nothing else. */
export const getHealthz: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};

/**
 * GET /readyz: the store answers, its schema is current and the encryption key opens its tokens, so this process can take traffic. A process draining
 * after SIGTERM says no at once, so the load balancer or orchestrator stops sending it work before it closes.
 */
export const getReadyz = (db: Db, isDraining: () => boolean = () => false, keyProblem?: () => Promise<string | null>): RequestHandler => async (_req, res) => {
  if (isDraining()) {
    res.status(503).json({ status: 'not_ready', reason: 'draining' });
    return;
  }
  try {
    await db.query('SELECT 1');
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      res.status(503).json({ status: 'not_ready', reason: 'migrations pending', pending });
      return;
    }
    // A process whose key no longer opens the store's tokens would drop every job: the orchestrator should know.
    const problem = keyProblem ? await keyProblem() : null;
    if (problem !== null) {
      res.status(503).json({ status: 'not_ready', reason: 'encryption key', detail: problem });
      return;
    }
    res.json({ status: 'ready', store: db.kind });
  } catch {
    res.status(503).json({ status: 'not_ready', reason: 'store unreachable' });
  }
};
