import { z } from 'zod';
import { movementDays } from '../portfolio/portfolio.schema.ts';
import { cohorts, type Cohort } from '../scoring/config.schema.ts';
import type { Queryable } from './db.ts';
import { cardSpans, inForceAt, numericPattern } from './portfolio-sql.ts';

const DAY_MS = 86_400_000;

export interface Transition { from: Cohort | 'new'; to: Cohort | 'churned'; customers: number; arr: number }
export interface MovementWindow { days: (typeof movementDays)[number]; since: string; transitions: Transition[] }
export interface TrendPoint { weekEnding: string; cohort: Cohort; customers: number }
export interface Movement { windows: MovementWindow[]; trend: TrendPoint[] }

const transitionRowSchema = z.object({
  days: z.coerce.number().int(),
  from: z.enum([...cohorts, 'new']),
  to: z.enum([...cohorts, 'churned']),
  customers: z.coerce.number().int(),
  arr: z.coerce.number(),
});
const trendRowSchema = z.object({ at: z.coerce.date(), cohort: z.enum(cohorts), customers: z.coerce.number().int() });

// A company's state on a card: its cohort, or churned when the card carries a churn.
const state = (span: string) => `CASE WHEN ${span}.churned THEN 'churned' ELSE ${span}.cohort END`;
// Live companies with their ARR property (a card's own ARR comes first: on a stock portal it is read from the deals,
// and cards stored before migration 080 have none), set apart first (MATERIALIZED) so the joins carry two narrow columns and not each
// company's properties (a 90 MB sort on disk at 100,000 companies when the planner postponed reading the ARR).
const live = `SELECT object_id AS company_id, CASE WHEN properties->>$3 ~ $4 THEN (properties->>$3)::double precision END AS arr
    FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' AND NOT archived`;

const transitionsSql = `
WITH windows AS (SELECT * FROM unnest($6::int[], $7::timestamptz[]) AS w(days, since)),
live AS MATERIALIZED (${live}),
spans AS (${cardSpans('$5', '$2')})
SELECT w.days, COALESCE(${state('t')}, 'new') AS from, ${state('n')} AS to, count(*) AS customers, COALESCE(sum(COALESCE(n.arr, l.arr)), 0) AS arr
FROM windows w CROSS JOIN spans n JOIN live l ON l.company_id = n.company_id
LEFT JOIN spans t ON t.company_id = n.company_id AND ${inForceAt('t', 'w.since')}
WHERE n.until IS NULL AND t.churned IS NOT TRUE
GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

const trendSql = `
WITH points AS (SELECT unnest($5::timestamptz[]) AS at),
live AS MATERIALIZED (${live}),
spans AS (${cardSpans('$6', '$2')})
SELECT p.at, s.cohort, count(*) AS customers
FROM points p JOIN spans s ON ${inForceAt('s', 'p.at')} JOIN live l ON l.company_id = s.company_id
WHERE NOT s.churned
GROUP BY 1, 2 ORDER BY 1, 2`;

/**
 * How the book moved: the (from, to) cohort pairs since 30 and 90 days before `asOf`, and current customers per
 * cohort at the end of each of the last `weeks` weeks, from the stored cards, in two set-based queries.
 */
export const movement = async (db: Queryable, portalId: number, input: { asOf: Date; weeks: number; arrProperty: string }): Promise<Movement> => {
  const since = movementDays.map((days) => new Date(input.asOf.getTime() - days * DAY_MS));
  const weekEnds = Array.from({ length: input.weeks }, (_v, i) => new Date(input.asOf.getTime() - (input.weeks - 1 - i) * 7 * DAY_MS));
  const common = [portalId, [...cohorts], input.arrProperty, numericPattern];
  const [transitions, trend] = await Promise.all([
    db.query(transitionsSql, [...common, input.asOf, [...movementDays], since]),
    db.query(trendSql, [...common, weekEnds, input.asOf]),
  ]);
  const rows = transitions.map((row) => transitionRowSchema.parse(row));
  const counts = new Map(trend.map((row) => trendRowSchema.parse(row)).map((r) => [`${r.at.toISOString()} ${r.cohort}`, r.customers]));
  return {
    windows: movementDays.map((days, i) => ({
      days,
      since: (since[i] as Date).toISOString(),
      transitions: rows.filter((r) => r.days === days).map(({ days: _days, ...t }) => t),
    })),
    // Every week × cohort, zeros included, so a chart's lines never skip a week.
    trend: weekEnds.flatMap((at) => cohorts.map((cohort) => ({ weekEnding: at.toISOString(), cohort, customers: counts.get(`${at.toISOString()} ${cohort}`) ?? 0 }))),
  };
};
