import { z } from 'zod';
import type { Queryable } from './db.ts';

export interface ScoreFailure {
  companyId: string;
  reason: string;
  failedAt: string;
}

// Reasons come from exceptions and validators; a few hundred characters say what went wrong without storing a dump.
const MAX_REASON = 500;

const rowSchema = z.object({ company_id: z.string(), reason: z.string(), failed_at: z.coerce.date() });

export const scoreFailuresRepository = (db: Queryable) => ({
  /** After a scoring run: the companies it scored are cleared, the ones it could not score are recorded. */
  async settle(portalId: number, scored: readonly string[], failed: readonly ScoreFailure[]): Promise<void> {
    if (scored.length > 0) {
      await db.query('DELETE FROM score_failures WHERE portal_id = $1 AND company_id = ANY($2::text[])', [portalId, [...scored]]);
    }
    if (failed.length === 0) return;
    await db.query(
      `INSERT INTO score_failures (portal_id, company_id, reason, failed_at)
       SELECT $1, r.company_id, r.reason, r.failed_at FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, reason text, failed_at timestamptz)
       ON CONFLICT (portal_id, company_id) DO UPDATE SET reason = EXCLUDED.reason, failed_at = EXCLUDED.failed_at`,
      [portalId, JSON.stringify(failed.map((f) => ({ company_id: f.companyId, reason: f.reason.slice(0, MAX_REASON), failed_at: f.failedAt })))],
    );
  },

  async list(portalId: number, limit = 100): Promise<ScoreFailure[]> {
    const rows = await db.query(
      'SELECT company_id, reason, failed_at FROM score_failures WHERE portal_id = $1 ORDER BY failed_at DESC, company_id LIMIT $2',
      [portalId, limit],
    );
    return rows.map((row) => rowSchema.parse(row)).map((r) => ({ companyId: r.company_id, reason: r.reason, failedAt: r.failed_at.toISOString() }));
  },
});
