import { z } from 'zod';
import type { Queryable } from './db.ts';

export type SyncKind = 'full' | 'incremental' | 'webhook';
export type SyncStatus = 'running' | 'succeeded' | 'failed';

const runRowSchema = z.object({
  id: z.coerce.number().int(),
  portal_id: z.coerce.number().int(),
  kind: z.enum(['full', 'incremental', 'webhook']),
  status: z.enum(['running', 'succeeded', 'failed']),
  started_at: z.coerce.date(),
  finished_at: z.coerce.date().nullable(),
  progress: z.record(z.string(), z.unknown()),
  strategy: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
});

const toRun = (row: unknown) => {
  const r = runRowSchema.parse(row);
  return {
    id: r.id, portalId: r.portal_id, kind: r.kind, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at,
    progress: r.progress, strategy: r.strategy, error: r.error,
  };
};
export type SyncRun = ReturnType<typeof toRun>;

const runColumns = 'id, portal_id, kind, status, started_at, finished_at, progress, strategy, error';

/** Checkpoints (one cursor per portal and stream) and the record of each sync run with its live progress. */
export const syncRepository = (db: Queryable) => ({
  async checkpoint(portalId: number, stream: string): Promise<unknown> {
    const rows = await db.query<{ cursor: unknown }>('SELECT cursor FROM sync_checkpoints WHERE portal_id = $1 AND stream = $2', [portalId, stream]);
    return rows[0]?.cursor ?? null;
  },

  async checkpoints(portalId: number): Promise<Array<{ stream: string; cursor: unknown; updatedAt: Date }>> {
    const rows = await db.query<{ stream: string; cursor: unknown; updated_at: string | Date }>(
      'SELECT stream, cursor, updated_at FROM sync_checkpoints WHERE portal_id = $1 ORDER BY stream', [portalId],
    );
    return rows.map((r) => ({ stream: r.stream, cursor: r.cursor, updatedAt: new Date(r.updated_at) }));
  },

  async saveCheckpoint(portalId: number, stream: string, cursor: unknown): Promise<void> {
    await db.query(
      `INSERT INTO sync_checkpoints (portal_id, stream, cursor, updated_at) VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (portal_id, stream) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
      [portalId, stream, JSON.stringify(cursor)],
    );
  },

  /** A page's checkpoint and its run's live progress in one statement (a full sync saves both with every page). */
  async saveRunCheckpoint(portalId: number, stream: string, cursor: unknown, run: { runId: number; progress: object }): Promise<void> {
    await db.query(
      `WITH saved AS (
         INSERT INTO sync_checkpoints (portal_id, stream, cursor, updated_at) VALUES ($1, $2, $3::jsonb, now())
         ON CONFLICT (portal_id, stream) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now())
       UPDATE sync_runs SET progress = $5::jsonb, status = 'running', finished_at = NULL WHERE portal_id = $1 AND id = $4`,
      [portalId, stream, JSON.stringify(cursor), run.runId, JSON.stringify(run.progress)],
    );
  },

  async deleteCheckpoint(portalId: number, stream: string): Promise<void> {
    await db.query('DELETE FROM sync_checkpoints WHERE portal_id = $1 AND stream = $2', [portalId, stream]);
  },

  async startRun(portalId: number, kind: SyncKind, strategy: Record<string, unknown> = {}): Promise<SyncRun> {
    const rows = await db.query(
      `INSERT INTO sync_runs (portal_id, kind, status, strategy) VALUES ($1, $2, 'running', $3::jsonb) RETURNING ${runColumns}`,
      [portalId, kind, JSON.stringify(strategy)],
    );
    return toRun(rows[0]);
  },

  async findRun(portalId: number, runId: number): Promise<SyncRun | null> {
    const rows = await db.query(`SELECT ${runColumns} FROM sync_runs WHERE portal_id = $1 AND id = $2`, [portalId, runId]);
    return rows[0] ? toRun(rows[0]) : null;
  },

  async updateRun(portalId: number, runId: number, update: { progress?: object; strategy?: object }): Promise<void> {
    await db.query(
      `UPDATE sync_runs SET progress = COALESCE($3::jsonb, progress), strategy = COALESCE($4::jsonb, strategy), status = 'running', finished_at = NULL
       WHERE portal_id = $1 AND id = $2`,
      [portalId, runId, update.progress ? JSON.stringify(update.progress) : null, update.strategy ? JSON.stringify(update.strategy) : null],
    );
  },

  async finishRun(portalId: number, runId: number, outcome: { status: Exclude<SyncStatus, 'running'>; progress?: object; error?: string }): Promise<void> {
    await db.query(
      `UPDATE sync_runs SET status = $3, finished_at = now(), progress = COALESCE($4::jsonb, progress), error = $5
       WHERE portal_id = $1 AND id = $2`,
      [portalId, runId, outcome.status, outcome.progress ? JSON.stringify(outcome.progress) : null, outcome.error ?? null],
    );
  },

  async recentRuns(portalId: number, limit = 10): Promise<SyncRun[]> {
    const rows = await db.query(`SELECT ${runColumns} FROM sync_runs WHERE portal_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`, [portalId, limit]);
    return rows.map(toRun);
  },
});

export type SyncRepository = ReturnType<typeof syncRepository>;
