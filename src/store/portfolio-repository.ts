import { z } from 'zod';
import { cohorts, type Cohort } from '../scoring/config.schema.ts';
import type { Queryable } from './db.ts';
import { numericPattern } from './portfolio-sql.ts';
import { churnReview } from './portfolio-churn.ts';
import { movement } from './portfolio-movement.ts';
import { retentionPeriods } from './portfolio-retention.ts';
import { renewals, worklists } from './portfolio-worklists.ts';

export interface CohortCell {
  segment: string;
  cohort: Cohort;
  customers: number;
  arr: number;
}

export interface CohortsBySegment {
  /** Current customers only: a churned customer is no longer in any cohort's book. */
  cells: CohortCell[];
  /** Churned customers per segment, apart, so the cohorts never count them. */
  churned: { segment: string; customers: number; arr: number }[];
}

const rowSchema = z.object({
  segment: z.string(),
  cohort: z.enum(cohorts).nullable(),
  churned: z.boolean(),
  customers: z.coerce.number().int(),
  arr: z.coerce.number(),
});


/** The CS leader's portfolio, computed set-based in the store over each live company's latest score card. */
export const portfolioRepository = (db: Queryable) => ({
  /** `arrProperty` is the company property the portal's scoring config reads as ARR. */
  async cohortsBySegment(portalId: number, arrProperty: string): Promise<CohortsBySegment> {
    const rows = await db.query(
      `WITH latest AS (
         SELECT DISTINCT ON (company_id) company_id, segment, cohort, churned, arr FROM score_snapshots
         WHERE portal_id = $1 ORDER BY company_id, scored_at DESC, id DESC)
       SELECT l.segment, l.churned, CASE WHEN l.churned THEN NULL ELSE l.cohort END AS cohort,
         count(*) AS customers,
         COALESCE(sum(COALESCE(l.arr::numeric, CASE WHEN o.properties->>$2 ~ $3 THEN (o.properties->>$2)::numeric END)), 0) AS arr
       FROM latest l
       JOIN crm_objects o ON o.portal_id = $1 AND o.object_type = 'companies' AND o.object_id = l.company_id AND NOT o.archived
       WHERE l.segment IS NOT NULL AND l.cohort IS NOT NULL
       GROUP BY 1, 2, 3 ORDER BY 1, 3`,
      [portalId, arrProperty, numericPattern],
    );
    const parsed = rows.flatMap((row) => { const r = rowSchema.safeParse(row); return r.success ? [r.data] : []; });
    return {
      cells: parsed.flatMap((r) => (r.churned || r.cohort === null ? [] : [{ segment: r.segment, cohort: r.cohort, customers: r.customers, arr: r.arr }])),
      churned: parsed.filter((r) => r.churned).map((r) => ({ segment: r.segment, customers: r.customers, arr: r.arr })),
    };
  },

  retention: (portalId: number, input: Parameters<typeof retentionPeriods>[2]) => retentionPeriods(db, portalId, input),
  movement: (portalId: number, input: Parameters<typeof movement>[2]) => movement(db, portalId, input),
  churnReview: (portalId: number, input: Parameters<typeof churnReview>[2]) => churnReview(db, portalId, input),
  worklists: (portalId: number, input: Parameters<typeof worklists>[2]) => worklists(db, portalId, input),
  renewals: (portalId: number, input: Parameters<typeof renewals>[2]) => renewals(db, portalId, input),
});

export type PortfolioRepository = ReturnType<typeof portfolioRepository>;
