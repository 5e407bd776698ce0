import { z } from 'zod';
import { goalProgress, measureOf, type GoalTarget } from '../portfolio/goals.ts';
import { goalBodySchema, type GoalBody, type RetentionMonths } from '../portfolio/portfolio.schema.ts';
import { cohorts, type Cohort } from '../scoring/config.schema.ts';
import type { Queryable } from './db.ts';
import { periodStart, retentionPeriods } from './portfolio-retention.ts';

/** Enough for five cohorts × a dozen segments × three horizons; a bound so one portal cannot fill the table. */
export const MAX_GOALS_PER_PORTAL = 200;

export interface GoalView {
  id: string;
  cohort: Cohort;
  segment: string;
  horizonMonths: RetentionMonths;
  target: GoalTarget;
  createdAt: string;
  createdBy: string | null;
  dueAt: string;
  measure: 'customers' | 'nrr';
  baseline: number | null;
  targetValue: number | null;
  current: number | null;
  expectedByNow: number | null;
  status: 'on_track' | 'behind' | 'unknown';
}

const goalRowSchema = z.object({
  id: z.coerce.string(),
  cohort: z.enum(cohorts),
  segment: z.string(),
  horizon_months: z.union([z.literal(3), z.literal(6), z.literal(12)]),
  target: goalBodySchema.shape.target,
  baseline: z.coerce.number().nullable(),
  created_at: z.coerce.date(),
  created_by: z.string().nullable(),
});
type GoalRow = z.infer<typeof goalRowSchema>;

const countRowSchema = z.object({ cohort: z.string(), segment: z.string(), customers: z.coerce.number().int() });

// Current customers per cell, as the cohorts section counts them: each live company's latest card, churned ones out.
const countsSql = `
SELECT l.cohort, l.segment, count(*) AS customers FROM (
  SELECT DISTINCT ON (company_id) company_id, cohort, segment, churned FROM score_snapshots
  WHERE portal_id = $1 AND scored_at <= $2 ORDER BY company_id, scored_at DESC, id DESC) l
JOIN crm_objects o ON o.portal_id = $1 AND o.object_type = 'companies' AND o.object_id = l.company_id AND NOT o.archived
WHERE NOT l.churned AND l.segment IS NOT NULL
GROUP BY 1, 2`;

type Cell = { cohort: Cohort; segment: string };
const cellKey = (c: Cell) => `${c.cohort}\u0000${c.segment}`;

/** Every cell's measures at `asOf`, in set-based queries whatever the number of goals: counts, and NRR per horizon. */
const measuresAt = async (db: Queryable, portalId: number, asOf: Date, arrProperty: string, horizons: readonly RetentionMonths[]) => {
  const [counts, periods] = await Promise.all([
    db.query(countsSql, [portalId, asOf]),
    horizons.length === 0 ? Promise.resolve([]) : retentionPeriods(db, portalId, { asOf, months: horizons, arrProperty }),
  ]);
  const customers = new Map(counts.map((row) => countRowSchema.parse(row)).map((r) => [`${r.cohort}\u0000${r.segment}`, r.customers]));
  const nrr = new Map(periods.flatMap((p) => p.byCell.map((c) => [`${p.months}\u0000${cellKey(c)}`, c.all.netRevenueRetention] as const)));
  return (goal: Cell & { horizonMonths: RetentionMonths; target: GoalTarget }): number | null =>
    (measureOf(goal.target) === 'customers' ? customers.get(cellKey(goal)) ?? 0 : nrr.get(`${goal.horizonMonths}\u0000${cellKey(goal)}`) ?? null);
};

const view = (row: GoalRow, current: number | null, now: Date): GoalView => {
  const createdAt = row.created_at;
  const dueAt = periodStart(createdAt, -row.horizon_months);
  const progress = goalProgress({ target: row.target, baseline: row.baseline, createdAt, dueAt }, current, now);
  return {
    id: row.id, cohort: row.cohort, segment: row.segment, horizonMonths: row.horizon_months, target: row.target,
    createdAt: createdAt.toISOString(), createdBy: row.created_by, dueAt: dueAt.toISOString(),
    baseline: row.baseline, current, ...progress,
  };
};

export type CreateGoalResult = { created: GoalView } | { conflict: 'exists' | 'too_many' };

/** The leader's cohort goals: stored with their baseline, read with their progress. */
export const portfolioGoalsRepository = (db: Queryable) => ({
  async create(portalId: number, goal: GoalBody, input: { now: Date; createdBy: string | null; arrProperty: string }): Promise<CreateGoalResult> {
    const cell = { cohort: goal.cohort, segment: goal.segment, horizonMonths: goal.horizonMonths, target: goal.target };
    const baseline = (await measuresAt(db, portalId, input.now, input.arrProperty, measureOf(goal.target) === 'nrr' ? [goal.horizonMonths] : []))(cell);
    const rows = await db.query(
      `INSERT INTO portfolio_goals (portal_id, cohort, segment, horizon_months, target, baseline, created_at, created_by)
       SELECT $1, $2, $3, $4, $5::jsonb, $6, $7, $8 WHERE (SELECT count(*) FROM portfolio_goals WHERE portal_id = $1) < $9
       ON CONFLICT (portal_id, cohort, segment, horizon_months) DO NOTHING
       RETURNING id, cohort, segment, horizon_months, target, baseline, created_at, created_by`,
      [portalId, goal.cohort, goal.segment, goal.horizonMonths, JSON.stringify(goal.target), baseline, input.now, input.createdBy, MAX_GOALS_PER_PORTAL],
    );
    const created = rows[0];
    if (created) return { created: view(goalRowSchema.parse(created), baseline, input.now) };
    const existing = await db.query(
      'SELECT 1 FROM portfolio_goals WHERE portal_id = $1 AND cohort = $2 AND segment = $3 AND horizon_months = $4',
      [portalId, goal.cohort, goal.segment, goal.horizonMonths],
    );
    return { conflict: existing.length > 0 ? 'exists' : 'too_many' };
  },

  async list(portalId: number, input: { now: Date; arrProperty: string }): Promise<GoalView[]> {
    const rows = (await db.query(
      `SELECT id, cohort, segment, horizon_months, target, baseline, created_at, created_by FROM portfolio_goals
       WHERE portal_id = $1 ORDER BY created_at, id`,
      [portalId],
    )).flatMap((row) => { const r = goalRowSchema.safeParse(row); return r.success ? [r.data] : []; });
    const horizons = [...new Set(rows.filter((r) => r.target.kind === 'nrr').map((r) => r.horizon_months))];
    const current = await measuresAt(db, portalId, input.now, input.arrProperty, horizons);
    return rows.map((row) => view(row, current({ cohort: row.cohort, segment: row.segment, horizonMonths: row.horizon_months, target: row.target }), input.now));
  },

  async remove(portalId: number, goalId: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(goalId)) return false;
    return (await db.query('DELETE FROM portfolio_goals WHERE portal_id = $1 AND id = $2 RETURNING 1', [portalId, goalId])).length > 0;
  },
});
