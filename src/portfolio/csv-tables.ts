import type { ChurnReview } from '../store/portfolio-churn.ts';
import type { GoalView } from '../store/portfolio-goals.ts';
import type { Movement } from '../store/portfolio-movement.ts';
import type { ListItem, Renewals, Worklist } from '../store/portfolio-worklists.ts';
import type { RetentionPeriod } from '../store/portfolio-retention.ts';
import type { CohortsBySegment } from '../store/portfolio-repository.ts';
import type { CsvTable } from './csv.ts';
import type { PlayEffectivenessRow } from './portfolio.schema.ts';
import type { RetentionFigures, RetentionReport } from './retention.ts';

// Each section's table as the CSV export lays it out: one row per line of the page's table, numbers unformatted.

export const cohortsCsv = (body: CohortsBySegment): CsvTable => ({
  columns: ['segment', 'cohort', 'customers', 'arr'],
  rows: [
    ...body.cells.map((c) => [c.segment, c.cohort, c.customers, c.arr] as const),
    ...body.churned.map((c) => [c.segment, 'churned', c.customers, c.arr] as const),
  ],
});

const scopes = [['all', 'all'], ['good_fit', 'goodFit'], ['bad_fit', 'badFit']] as const;
const figureColumns = ['customers', 'retained_customers', 'start_arr', 'expansion_arr', 'contraction_arr', 'churned_arr', 'grr', 'nrr', 'logo_retention'];
const figureCells = (f: RetentionFigures) => [
  f.customers, f.retainedCustomers, f.startArr, f.expansionArr, f.contractionArr, f.churnedArr, f.grossRevenueRetention, f.netRevenueRetention, f.logoRetention,
];

/** One row per period × grouping (total, each cohort, segment and cohort/segment cell) × scope (all, good fit, bad fit). */
export const retentionCsv = (periods: readonly RetentionPeriod[]): CsvTable => ({
  columns: ['months', 'start', 'group', 'key', 'scope', ...figureColumns],
  rows: periods.flatMap((p) => {
    const groups: Array<[string, string, RetentionReport]> = [
      ['total', '', p.total], ...p.byCohort.map((c) => ['cohort', c.cohort, c] as [string, string, RetentionReport]),
      ...p.bySegment.map((s) => ['segment', s.segment, s] as [string, string, RetentionReport]),
      ...p.byCell.map((c) => ['cell', `${c.cohort}/${c.segment}`, c] as [string, string, RetentionReport]),
    ];
    return groups.flatMap(([group, key, report]) => scopes.map(([scope, field]) => [p.months, p.start, group, key, scope, ...figureCells(report[field])]));
  }),
});

export const transitionsCsv = (movement: Movement): CsvTable => ({
  columns: ['days', 'since', 'from', 'to', 'customers', 'arr'],
  rows: movement.windows.flatMap((w) => w.transitions.map((t) => [w.days, w.since, t.from, t.to, t.customers, t.arr])),
});

export const trendCsv = (movement: Movement): CsvTable => ({
  columns: ['week_ending', 'cohort', 'customers'],
  rows: movement.trend.map((p) => [p.weekEnding, p.cohort, p.customers]),
});

export const churnReviewCsv = (review: ChurnReview): CsvTable => ({
  columns: ['company_id', 'name', 'segment', 'fit', 'churned_at', 'reason_code', 'avoidable', 'expected', 'quadrant', 'reason', 'arr'],
  rows: review.customers.map((c) => [c.companyId, c.name, c.segment, c.fit, c.churnedAt, c.reasonCode, c.avoidable, c.expected, c.quadrant, c.reason, c.arr]),
});

export const goalsCsv = (goals: readonly GoalView[]): CsvTable => ({
  columns: ['id', 'cohort', 'segment', 'horizon_months', 'measure', 'target', 'baseline', 'target_value', 'current', 'expected_by_now', 'status', 'created_at', 'due_at', 'created_by'],
  rows: goals.map((g) => [
    g.id, g.cohort, g.segment, g.horizonMonths, g.measure, g.target.kind === 'count' ? `${g.target.changePercent}%` : `nrr ${g.target.nrr}`,
    g.baseline, g.targetValue, g.current, g.expectedByNow, g.status, g.createdAt, g.dueAt, g.createdBy,
  ]),
});

const itemColumns = ['company_id', 'name', 'owner_id', 'segment', 'cohort', 'priority', 'health_score', 'health_status', 'next_play', 'renewal_date', 'arr'];
const itemCells = (i: ListItem) => [i.companyId, i.name, i.ownerId, i.segment, i.cohort, i.priority, i.healthScore, i.healthStatus, i.nextPlay, i.renewalDate, i.arr];

export const worklistsCsv = (owners: readonly Worklist[]): CsvTable => ({
  columns: ['owner_id', 'owner_name', 'rank', ...itemColumns.filter((c) => c !== 'owner_id')],
  rows: owners.flatMap((o) => o.top.map((item, i) => [o.ownerId, o.ownerName, i + 1, ...itemCells(item).filter((_v, k) => itemColumns[k] !== 'owner_id')])),
});

export const renewalsCsv = (found: Renewals): CsvTable => ({
  columns: [...itemColumns, 'owner_name', 'days_to_renewal'],
  rows: found.renewals.map((r) => [...itemCells(r), r.ownerName, r.daysToRenewal]),
});

export const playEffectivenessCsv = (plays: readonly PlayEffectivenessRow[]): CsvTable => ({
  columns: ['play', 'status', 'outcome', 'count', 'health_when_recorded', 'health_after_30_days', 'health_after_90_days'],
  rows: plays.map((p) => [p.play, p.status, p.outcome, p.count, p.healthWhenRecorded, p.healthAfter30Days, p.healthAfter90Days]),
});
