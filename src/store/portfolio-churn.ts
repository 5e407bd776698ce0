import { z } from 'zod';
import type { churnQuadrants, RetentionMonths } from '../portfolio/portfolio.schema.ts';
import { fitValues, type FitValue } from '../scoring/score-card.schema.ts';
import type { Queryable } from './db.ts';
import { numericPattern } from './portfolio-sql.ts';
import { periodStart } from './portfolio-retention.ts';

export type ChurnQuadrant = (typeof churnQuadrants)[number];
export interface ChurnedCustomer {
  companyId: string;
  name: string | null;
  segment: string;
  fit: FitValue;
  churnedAt: string | null;
  reasonCode: string | null;
  quadrant: ChurnQuadrant;
  avoidable: boolean;
  expected: boolean;
  reason: string;
  arr: number | null;
}
export interface ChurnReview {
  months: RetentionMonths;
  since: string;
  quadrants: Array<{ quadrant: ChurnQuadrant; avoidable: boolean; expected: boolean; customers: number; arr: number }>;
  customers: ChurnedCustomer[];
}

const rowSchema = z.object({
  company_id: z.string(),
  name: z.string().nullable(),
  segment: z.string(),
  fit: z.enum(fitValues),
  churned_at: z.coerce.date().nullable(),
  reason_code: z.string().nullable(),
  avoidable: z.boolean(),
  expected: z.boolean(),
  reason: z.string(),
  arr: z.coerce.number().nullable(),
});
const quadrantRowSchema = z.object({ avoidable: z.boolean(), expected: z.boolean(), customers: z.coerce.number().int(), arr: z.coerce.number() });

const quadrantOf = (avoidable: boolean, expected: boolean): ChurnQuadrant =>
  `${avoidable ? 'avoidable' : 'unavoidable'}_${expected ? 'expected' : 'unexpected'}`;

// Churned customers: a live company whose latest card carries a churn (the card's churn column, migration 083),
// dated by the churn date stored with it, or by the first card that carried the churn when it has none (cards stored
// before migration 081). The ARR lost is the one on its last card before the churn. Quadrant totals count the whole
// period, the list stops at its limit; both come from one query over the period's churns. The churned latest cards
// are set apart first, and the first churned card and the last card before the churn are found for those companies
// in set-based joins, not a lookup per company (whose estimated cost also made PostgreSQL JIT-compile the query for
// seconds at 100,000 companies); each churned card's jsonb is taken out of storage once.
const sql = `
WITH live AS (
  SELECT object_id AS company_id, properties->>$4 AS name, CASE WHEN properties->>$5 ~ $6 THEN (properties->>$5)::double precision END AS arr
  FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' AND NOT archived),
latest AS MATERIALIZED (
  SELECT * FROM (
    SELECT DISTINCT ON (company_id) company_id, id, churned, arr, churned_at, churn_reason FROM score_snapshots
    WHERE portal_id = $1 AND scored_at <= $2 ORDER BY company_id, scored_at DESC, id DESC) l
  WHERE l.churned),
history AS (SELECT company_id, scored_at, id, churned, arr FROM score_snapshots WHERE portal_id = $1 AND company_id IN (SELECT company_id FROM latest)),
first_churn AS (SELECT company_id, min(scored_at) AS at FROM history WHERE churned GROUP BY company_id),
before_churn AS (SELECT DISTINCT ON (company_id) company_id, arr FROM history WHERE NOT churned ORDER BY company_id, scored_at DESC, id DESC),
churned AS MATERIALIZED (
  SELECT l.company_id, o.name, c.segment, c.card->'fit'->>'value' AS fit, COALESCE(l.churned_at, f.at) AS churned_at,
    l.churn_reason AS reason_code, c.card->'churn' AS churn, COALESCE(b.arr, l.arr, o.arr) AS arr
  FROM latest l JOIN live o ON o.company_id = l.company_id JOIN score_snapshots c ON c.id = l.id
  LEFT JOIN first_churn f ON f.company_id = l.company_id LEFT JOIN before_churn b ON b.company_id = l.company_id),
in_period AS (
  SELECT company_id, name, segment, fit, churned_at, reason_code, (churn->>'avoidable')::boolean AS avoidable, (churn->>'expected')::boolean AS expected,
    churn->>'reason' AS reason, arr, row_number() OVER (ORDER BY churned_at DESC, company_id) AS rank
  FROM churned WHERE churned_at >= $3 AND churned_at <= $2)
SELECT 'quadrant' AS kind, 0::bigint AS rank, NULL AS company_id, NULL AS name, NULL AS segment, NULL AS fit, NULL::timestamptz AS churned_at,
  NULL AS reason_code, avoidable, expected, NULL AS reason, COALESCE(sum(arr), 0) AS arr, count(*) AS customers
FROM in_period GROUP BY avoidable, expected
UNION ALL
SELECT 'customer', rank, company_id, name, segment, fit, churned_at, reason_code, avoidable, expected, reason, arr, 1
FROM in_period WHERE rank <= $7
ORDER BY kind DESC, rank`;

/** The period's churned customers by avoidable/unavoidable × expected/unexpected, with reasons, in one query. */
export const churnReview = async (
  db: Queryable, portalId: number, input: { asOf: Date; months: RetentionMonths; nameProperty: string; arrProperty: string; limit: number },
): Promise<ChurnReview> => {
  const since = periodStart(input.asOf, input.months);
  const rows = (await db.query<Record<string, unknown>>(sql, [portalId, input.asOf, since, input.nameProperty, input.arrProperty, numericPattern, input.limit]));
  const counted = rows.filter((row) => row.kind === 'quadrant').map((row) => quadrantRowSchema.parse(row));
  const list = rows.filter((row) => row.kind === 'customer');
  return {
    months: input.months,
    since: since.toISOString(),
    quadrants: [true, false].flatMap((avoidable) => [true, false].map((expected) => {
      const found = counted.find((q) => q.avoidable === avoidable && q.expected === expected);
      return { quadrant: quadrantOf(avoidable, expected), avoidable, expected, customers: found?.customers ?? 0, arr: found?.arr ?? 0 };
    })),
    customers: list.map((row) => rowSchema.parse(row)).map((r) => ({
      companyId: r.company_id, name: r.name, segment: r.segment, fit: r.fit, churnedAt: r.churned_at?.toISOString() ?? null, reasonCode: r.reason_code,
      quadrant: quadrantOf(r.avoidable, r.expected), avoidable: r.avoidable, expected: r.expected, reason: r.reason, arr: r.arr,
    })),
  };
};
