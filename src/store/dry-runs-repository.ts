import { z } from 'zod';
import type { Queryable } from './db.ts';

/** How a stopped run failed, as the poll reports it: an error catalogue code and the sentence for the admin. */
export type DryRunFailure = { code: string; message: string };

const rowSchema = z.object({
  id: z.string(),
  portal_id: z.coerce.number(),
  requested_by: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  progress: z.unknown(),
  report: z.unknown(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  started_at: z.coerce.date(),
  heartbeat_at: z.coerce.date(),
});

export type StoredDryRun = {
  id: string;
  portalId: number;
  requestedBy: string;
  state: 'running' | 'done' | 'failed';
  progress: unknown;
  report: unknown;
  error: DryRunFailure | null;
  startedAt: Date;
  heartbeatAt: Date;
};

const toRun = (row: unknown): StoredDryRun => {
  const r = rowSchema.parse(row);
  return {
    id: r.id, portalId: r.portal_id, requestedBy: r.requested_by, state: r.state, progress: r.progress ?? null,
    report: r.report ?? null, error: r.error, startedAt: r.started_at, heartbeatAt: r.heartbeat_at,
  };
};

/**
 * Dry runs shared by every web process: the one that runs a dry run writes its heartbeat, progress and result, any
 * other reads them. Every write to a running run is conditional on it still running, so a run declared lost cannot
 * come back to life when its (slow, not dead) process writes again.
 */
export const dryRunsRepository = (db: Queryable) => ({
  async start(run: { id: string; portalId: number; requestedBy: string; now: Date; expiresAt: Date }): Promise<void> {
    await db.query(
      `INSERT INTO config_dry_runs (id, portal_id, requested_by, state, started_at, heartbeat_at, expires_at)
       VALUES ($1, $2, $3, 'running', $4, $4, $5)`,
      [run.id, run.portalId, run.requestedBy, run.now, run.expiresAt],
    );
  },

  /** The owner is alive: its heartbeat, and its progress when it has some to report. */
  async beat(id: string, now: Date, expiresAt: Date, progress?: unknown): Promise<void> {
    await db.query(
      `UPDATE config_dry_runs SET heartbeat_at = $2, expires_at = $3, progress = COALESCE($4::jsonb, progress)
       WHERE id = $1 AND state = 'running'`,
      [id, now, expiresAt, progress === undefined ? null : JSON.stringify(progress)],
    );
  },

  async finish(id: string, now: Date, expiresAt: Date, outcome: { report: unknown } | { error: DryRunFailure }): Promise<void> {
    await db.query(
      `UPDATE config_dry_runs SET state = $2, report = $3::jsonb, error = $4::jsonb, heartbeat_at = $5, expires_at = $6
       WHERE id = $1 AND state = 'running'`,
      'report' in outcome
        ? [id, 'done', JSON.stringify(outcome.report), null, now, expiresAt]
        : [id, 'failed', null, JSON.stringify(outcome.error), now, expiresAt],
    );
  },

  /** Marks the run failed if it is still running with no heartbeat since `staleBefore` (its process is gone). */
  async settleIfLost(id: string, staleBefore: Date, error: DryRunFailure): Promise<void> {
    await db.query(
      `UPDATE config_dry_runs SET state = 'failed', error = $3::jsonb WHERE id = $1 AND state = 'running' AND heartbeat_at < $2`,
      [id, staleBefore, JSON.stringify(error)],
    );
  },

  /** The portal's run, or null when there is none (another portal's, or expired). */
  async find(portalId: number, id: string, now: Date): Promise<StoredDryRun | null> {
    const rows = await db.query('SELECT * FROM config_dry_runs WHERE id = $1 AND portal_id = $2 AND expires_at > $3', [id, portalId, now]);
    return rows[0] ? toRun(rows[0]) : null;
  },

  async purgeExpired(now: Date): Promise<void> {
    await db.query('DELETE FROM config_dry_runs WHERE expires_at <= $1', [now]);
  },
});

export type DryRunsRepository = ReturnType<typeof dryRunsRepository>;
