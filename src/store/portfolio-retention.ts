import { z } from 'zod';
import { withRates, type RetentionFigures, type RetentionReport } from '../portfolio/retention.ts';
import type { RetentionMonths } from '../portfolio/portfolio.schema.ts';
import { cohorts, type Cohort } from '../scoring/config.schema.ts';
import type { Queryable } from './db.ts';
import { cardSpans, inForceAt, numericPattern } from './portfolio-sql.ts';

export interface RetentionPeriod {
  months: RetentionMonths;
  start: string;
  total: RetentionReport;
  byCohort: Array<RetentionReport & { cohort: Cohort }>;
  bySegment: Array<RetentionReport & { segment: string }>;
  /** Each cohort × segment cell at the start: what a cohort goal's NRR is measured on. */
  byCell: Array<RetentionReport & { cohort: Cohort; segment: string }>;
}

const sumsRowSchema = z.object({
  months: z.coerce.number().int(),
  by: z.enum(['fit', 'cohort', 'segment', 'cell']),
  bad_fit: z.boolean().nullable(),
  cohort: z.enum(cohorts).nullable(),
  segment: z.string().nullable(),
  customers: z.coerce.number().int(),
  retained: z.coerce.number().int(),
  start_arr: z.coerce.number(),
  expansion: z.coerce.number(),
  contraction: z.coerce.number(),
  churned: z.coerce.number(),
});
type SumsRow = z.infer<typeof sumsRowSchema>;

const noSums = { customers: 0, retainedCustomers: 0, startArr: 0, expansionArr: 0, contractionArr: 0, churnedArr: 0 };
const figures = (row: SumsRow | undefined): RetentionFigures => withRates(row
  ? { customers: row.customers, retainedCustomers: row.retained, startArr: row.start_arr, expansionArr: row.expansion, contractionArr: row.contraction, churnedArr: row.churned }
  : noSums);
const added = (a: RetentionFigures, b: RetentionFigures): RetentionFigures => withRates({
  customers: a.customers + b.customers, retainedCustomers: a.retainedCustomers + b.retainedCustomers, startArr: a.startArr + b.startArr,
  expansionArr: a.expansionArr + b.expansionArr, contractionArr: a.contractionArr + b.contractionArr, churnedArr: a.churnedArr + b.churnedArr,
});
const report = (good: RetentionFigures, bad: RetentionFigures): RetentionReport => ({ all: added(good, bad), goodFit: good, badFit: bad });
// A cohort is wholly bad fit or wholly good fit.
const ofOneCohort = (row: SumsRow): RetentionReport => (row.cohort === 'bad_fit' ? report(figures(undefined), figures(row)) : report(figures(row), figures(undefined)));

// The rules of src/portfolio/retention.ts, in SQL (tests/store/portfolio-retention.test.ts holds the two to the same
// answers): the start base is each live company's latest card at the period's start that carries no churn, with ARR
// above zero then; it is lost when its latest card now carries a churn or its ARR now is zero, otherwise its change
// of ARR is expansion or contraction. Cohort, segment and fit are the start card's. A card without a stored ARR
// (stored before migration 080) reads the company's current ARR property. The live companies' ARR is read first
// (MATERIALIZED), so the joins carry it and not each company's properties.
const sql = `
WITH periods AS (SELECT * FROM unnest($3::int[], $6::timestamptz[]) AS p(months, start)),
live AS MATERIALIZED (
  SELECT object_id AS company_id, CASE WHEN properties->>$4 ~ $5 THEN (properties->>$4)::double precision END AS arr
  FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' AND NOT archived),
spans AS (${cardSpans('$2', '$7')}),
base AS (
  SELECT p.months, s.cohort, s.segment, s.cohort = 'bad_fit' AS bad_fit, COALESCE(s.arr, l.arr) AS start_arr,
    COALESCE(n.arr, l.arr, 0) AS end_arr, n.churned OR COALESCE(n.arr, l.arr, 0) <= 0 AS lost
  FROM periods p JOIN spans s ON ${inForceAt('s', 'p.start')}
  JOIN spans n ON n.company_id = s.company_id AND n.until IS NULL
  JOIN live l ON l.company_id = s.company_id
  WHERE NOT s.churned AND COALESCE(s.arr, l.arr) > 0)
SELECT months,
  CASE WHEN GROUPING(cohort) = 0 AND GROUPING(segment) = 0 THEN 'cell' WHEN GROUPING(cohort) = 0 THEN 'cohort'
    WHEN GROUPING(segment) = 0 THEN 'segment' ELSE 'fit' END AS by,
  bad_fit, cohort, segment,
  count(*) AS customers, count(*) FILTER (WHERE NOT lost) AS retained, sum(start_arr) AS start_arr,
  COALESCE(sum(end_arr - start_arr) FILTER (WHERE NOT lost AND end_arr > start_arr), 0) AS expansion,
  COALESCE(sum(start_arr - end_arr) FILTER (WHERE NOT lost AND end_arr < start_arr), 0) AS contraction,
  COALESCE(sum(start_arr) FILTER (WHERE lost), 0) AS churned
FROM base
GROUP BY GROUPING SETS ((months, bad_fit), (months, cohort), (months, segment, bad_fit), (months, cohort, segment))
ORDER BY months, segment, cohort`;

/** `months` before `asOf`, on the same day of the month, or the month's last day when it is shorter (31 March − 1 = 28/29 February). */
export const periodStart = (asOf: Date, months: number): Date => {
  const start = new Date(asOf);
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate();
  start.setUTCDate(Math.min(asOf.getUTCDate(), lastDay));
  return start;
};

/** Retention over each trailing period ending at `asOf`, in one set-based query. */
export const retentionPeriods = async (db: Queryable, portalId: number, input: { asOf: Date; months: readonly RetentionMonths[]; arrProperty: string }): Promise<RetentionPeriod[]> => {
  const months = [...new Set(input.months)].sort((a, b) => a - b);
  const starts = months.map((m) => periodStart(input.asOf, m));
  const rows = (await db.query(sql, [portalId, input.asOf, months, input.arrProperty, numericPattern, starts, [...cohorts]])).map((row) => sumsRowSchema.parse(row));
  return months.map((months, i) => {
    const mine = rows.filter((r) => r.months === months);
    const fitRow = (bad: boolean, segment?: string) => mine.find((r) => (segment === undefined ? r.by === 'fit' : r.by === 'segment' && r.segment === segment) && r.bad_fit === bad);
    return {
      months,
      start: (starts[i] as Date).toISOString(),
      total: report(figures(fitRow(false)), figures(fitRow(true))),
      byCohort: mine.filter((r) => r.by === 'cohort').map((r) => ({ cohort: r.cohort as Cohort, ...ofOneCohort(r) })),
      bySegment: [...new Set(mine.filter((r) => r.by === 'segment').map((r) => r.segment as string))]
        .map((segment) => ({ segment, ...report(figures(fitRow(false, segment)), figures(fitRow(true, segment))) })),
      byCell: mine.filter((r) => r.by === 'cell').map((r) => ({ cohort: r.cohort as Cohort, segment: r.segment as string, ...ofOneCohort(r) })),
    };
  });
};
