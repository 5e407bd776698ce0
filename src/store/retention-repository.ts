import type { Queryable } from './db.ts';

export type RetainedTable = 'webhook_events' | 'sync_runs' | 'usage_metrics' | 'score_snapshots';

/**
 * One bounded batch per statement: the keys of at most $2 expired rows are picked first, so a purge of millions of
 * rows never holds one long transaction or lock, and a killed purge simply resumes on the next run.
 */
const batchDeletes: Record<RetainedTable, string> = {
  // Processed events have done their work; unprocessed ones are kept unless their portal is no longer installed.
  webhook_events: `
    WITH doomed AS (
      SELECT e.portal_id, e.event_id FROM webhook_events e
      WHERE e.received_at < $1 AND (e.processed_at IS NOT NULL OR NOT EXISTS (
        SELECT 1 FROM installations i WHERE i.portal_id = e.portal_id AND i.status = 'active'))
      LIMIT $2),
    d AS (DELETE FROM webhook_events w USING doomed WHERE w.portal_id = doomed.portal_id AND w.event_id = doomed.event_id RETURNING 1)
    SELECT count(*)::int AS n FROM d`,
  // A running sync is never touched, and each portal keeps its last successful run: "last synced" reads it.
  sync_runs: `
    WITH doomed AS (
      SELECT r.id FROM sync_runs r
      WHERE r.started_at < $1 AND r.status <> 'running'
        AND r.id <> COALESCE((SELECT k.id FROM sync_runs k WHERE k.portal_id = r.portal_id AND k.status = 'succeeded'
                              ORDER BY k.finished_at DESC NULLS LAST, k.id DESC LIMIT 1), -1)
      LIMIT $2),
    d AS (DELETE FROM sync_runs s USING doomed WHERE s.id = doomed.id RETURNING 1)
    SELECT count(*)::int AS n FROM d`,
  usage_metrics: `
    WITH doomed AS (
      SELECT portal_id, company_id, day, metric FROM usage_metrics WHERE day < $1::date LIMIT $2),
    d AS (DELETE FROM usage_metrics u USING doomed
          WHERE u.portal_id = doomed.portal_id AND u.company_id = doomed.company_id AND u.day = doomed.day AND u.metric = doomed.metric
          RETURNING 1)
    SELECT count(*)::int AS n FROM d`,
  // Each company's latest card is what its card and write-back show, so it stays whatever its age.
  score_snapshots: `
    WITH doomed AS (
      SELECT s.id FROM score_snapshots s
      WHERE s.scored_at < $1 AND EXISTS (
        SELECT 1 FROM score_snapshots n WHERE n.portal_id = s.portal_id AND n.company_id = s.company_id
          AND (n.scored_at, n.id) > (s.scored_at, s.id))
      LIMIT $2),
    d AS (DELETE FROM score_snapshots s USING doomed WHERE s.id = doomed.id RETURNING 1)
    SELECT count(*)::int AS n FROM d`,
};

export const retentionRepository = (db: Queryable) => ({
  /** Deletes one batch of rows older than `before`; returns how many went (fewer than `batchSize` means done). */
  async purgeBatch(table: RetainedTable, before: Date, batchSize: number): Promise<number> {
    // Usage rows are calendar days (UTC), so their cutoff is a day, not an instant a session time zone could shift.
    const cutoff = table === 'usage_metrics' ? before.toISOString().slice(0, 10) : before;
    const rows = await db.query<{ n: number }>(batchDeletes[table], [cutoff, batchSize]);
    return rows[0]?.n ?? 0;
  },
});
