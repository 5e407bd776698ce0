import { z } from 'zod';
import type { Queryable } from './db.ts';

export interface UsageMetricInput {
  companyId: string;
  /** YYYY-MM-DD */
  day: string;
  metric: string;
  value: number;
}

const pointRows = z.array(z.object({ day: z.string(), metric: z.string(), value: z.coerce.number() }));

/** Daily product-usage metrics per company: one value per (company, day, metric), so re-sending a batch changes nothing. */
export const usageRepository = (db: Queryable) => ({
  /** Returns the companies whose values actually changed. */
  async upsert(portalId: number, rows: readonly UsageMetricInput[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const written = await db.query<{ company_id: string }>(
      `INSERT INTO usage_metrics (portal_id, company_id, day, metric, value, updated_at)
       SELECT DISTINCT ON (r.company_id, r.day, r.metric) $1, r.company_id, r.day, r.metric, r.value, now()
       FROM jsonb_to_recordset($2::jsonb) AS r(company_id text, day date, metric text, value double precision)
       ON CONFLICT (portal_id, company_id, day, metric) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
       WHERE usage_metrics.value IS DISTINCT FROM EXCLUDED.value
       RETURNING company_id`,
      [portalId, JSON.stringify(rows.map((r) => ({ company_id: r.companyId, day: r.day, metric: r.metric, value: r.value })))],
    );
    return [...new Set(written.map((r) => r.company_id))];
  },

  async forCompany(portalId: number, companyId: string): Promise<Array<{ date: string; metric: string; value: number }>> {
    const rows = await db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, metric, value FROM usage_metrics
       WHERE portal_id = $1 AND company_id = $2 ORDER BY day, metric`,
      [portalId, companyId],
    );
    return pointRows.parse(rows).map((r) => ({ date: r.day, metric: r.metric, value: r.value }));
  },
});
