import { z } from 'zod';
import { cohorts, healthStatuses, plays } from '../scoring/config.schema.ts';
import { fitValues } from '../scoring/score-card.schema.ts';

// The answers of the portfolio's section endpoints (one per section of the CS leader's page), and the queries and
// bodies they accept. The home-page extension and /preview/portfolio read exactly these shapes; docs/portfolio.md
// says what each number means.

export const retentionMonths = [3, 6, 12] as const;
export type RetentionMonths = (typeof retentionMonths)[number];
export const movementDays = [30, 90] as const;

const portalId = z.number().int();
const asOf = z.iso.datetime().describe('the instant the figures were computed for');
const arr = z.number().describe('sum of the ARR property in the portal\'s currency');
const count = z.number().int().min(0);
const months = z.literal(retentionMonths).describe('trailing period in months');
const rate = z.number().nullable().describe('share of the start base (0.95 = 95%); null when the base is empty');

export const retentionFiguresSchema = z.object({
  customers: count.describe('customers in the start base (a customer with ARR above zero at the start)'),
  retainedCustomers: count.describe('of those, still customers at the end'),
  startArr: arr.describe('ARR of the start base at the start'),
  expansionArr: arr.describe('growth of retained customers\' ARR'),
  contractionArr: arr.describe('fall of retained customers\' ARR'),
  churnedArr: arr.describe('start ARR of customers that churned or fell to zero ARR'),
  grossRevenueRetention: rate,
  netRevenueRetention: rate,
  logoRetention: rate,
});
export const retentionReportSchema = z.object({
  all: retentionFiguresSchema.describe('every customer in the start base'),
  goodFit: retentionFiguresSchema.describe('the headline: every cohort but bad fit, at the start'),
  badFit: retentionFiguresSchema.describe('bad-fit customers at the start, reported apart'),
});

export const portfolioRetentionSchema = z.object({
  portalId, asOf,
  arrProperty: z.string().describe('the company property read as ARR (the scoring config\'s)'),
  periods: z.array(z.object({
    months,
    start: z.iso.datetime().describe('the period\'s start: the book is read as it stood then'),
    total: retentionReportSchema,
    byCohort: z.array(retentionReportSchema.extend({ cohort: z.enum(cohorts).describe('cohort at the start') })),
    bySegment: z.array(retentionReportSchema.extend({ segment: z.string().describe('segment at the start') })),
    byCell: z.array(retentionReportSchema.extend({ cohort: z.enum(cohorts), segment: z.string() })).describe('each cohort × segment cell at the start'),
  })).describe('one entry per requested trailing period, shortest first'),
});

export const portfolioMovementSchema = z.object({
  portalId, asOf,
  windows: z.array(z.object({
    days: z.literal(movementDays),
    since: z.iso.datetime(),
    transitions: z.array(z.object({
      from: z.enum([...cohorts, 'new']).describe('cohort on the latest card at `since`; new when the company had no card then'),
      to: z.enum([...cohorts, 'churned']).describe('cohort on the latest card now; churned when that card carries a churn'),
      customers: count,
      arr,
    })).describe('every (from, to) pair with at least one company, ARR their current ARR; a company churned already at `since` is left out'),
  })),
  trend: z.array(z.object({
    weekEnding: z.iso.datetime(),
    cohort: z.enum(cohorts),
    customers: count,
  })).describe('current customers per cohort on the latest card at each week\'s end, every week × cohort (zeros included), oldest week first'),
});

export const churnQuadrants = ['avoidable_expected', 'avoidable_unexpected', 'unavoidable_expected', 'unavoidable_unexpected'] as const;
export const portfolioChurnReviewSchema = z.object({
  portalId, asOf, months,
  since: z.iso.datetime(),
  quadrants: z.array(z.object({ quadrant: z.enum(churnQuadrants), avoidable: z.boolean(), expected: z.boolean(), customers: count, arr }))
    .length(4).describe('all four, zero counts included'),
  customers: z.array(z.object({
    companyId: z.string(),
    name: z.string().nullable(),
    segment: z.string(),
    fit: z.enum(fitValues),
    churnedAt: z.iso.datetime().nullable().describe('when the customer churned (the churn date scoring read: the mapped property, a lost renewal or the lifecycle stage; else the first card that carried the churn)'),
    reasonCode: z.string().nullable().describe('the churn reason code scoring read (acquired, shutdown, bad_fit or the text itself); null on cards stored before it was kept'),
    quadrant: z.enum(churnQuadrants),
    avoidable: z.boolean(),
    expected: z.boolean().describe('a bad fit\'s churn is always expected'),
    reason: z.string().describe('why it was classified so'),
    arr: z.number().nullable().describe('ARR on the company\'s last card before churn'),
  })).describe('most recent churn first, up to limit'),
});

const target = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('count'),
    changePercent: z.number().min(-100).max(1_000).refine((v) => v !== 0, 'must not be 0').describe('change in the number of customers, -50 = halve it'),
  }),
  z.object({ kind: z.literal('nrr'), nrr: z.number().min(0).max(10).describe('net revenue retention to reach, 1.5 = 150%') }),
]);
export const goalBodySchema = z.object({
  cohort: z.enum(cohorts),
  segment: z.string().trim().min(1).max(100),
  horizonMonths: months,
  target,
});
export type GoalBody = z.infer<typeof goalBodySchema>;

export const goalSchema = z.object({
  id: z.string(),
  cohort: z.enum(cohorts),
  segment: z.string(),
  horizonMonths: months,
  target,
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  dueAt: z.iso.datetime(),
  measure: z.enum(['customers', 'nrr']).describe('customers in the cell, or the cell\'s trailing NRR over the horizon'),
  baseline: z.number().nullable().describe('the measure when the goal was set'),
  targetValue: z.number().nullable().describe('the measure to reach by dueAt'),
  current: z.number().nullable(),
  expectedByNow: z.number().nullable().describe('baseline moved towards the target in a straight line by the time elapsed'),
  status: z.enum(['on_track', 'behind', 'unknown']).describe('unknown when the measure cannot be computed (an empty ARR base)'),
});
export const portfolioGoalsSchema = z.object({ portalId, asOf, goals: z.array(goalSchema).describe('oldest first') });

const listRow = {
  companyId: z.string(),
  name: z.string().nullable(),
  ownerId: z.string().nullable().describe('the company owner (HubSpot owner id)'),
  segment: z.string(),
  cohort: z.enum(cohorts),
  priority: z.number(),
  healthScore: z.number(),
  healthStatus: z.enum(healthStatuses),
  nextPlay: z.enum(plays),
  renewalDate: z.iso.date().nullable(),
  arr: z.number().nullable(),
};
export const portfolioWorklistsSchema = z.object({
  portalId, asOf,
  owners: z.array(z.object({
    ownerId: z.string().nullable().describe('null: companies without an owner'),
    ownerName: z.string().nullable().describe('the owner\'s name (else email) as the last full sync listed HubSpot\'s owners; null without an owner or for an owner HubSpot did not list'),
    customers: count.describe('current customers of the owner matching the filters'),
    top: z.array(z.object(listRow)).describe('highest priority first'),
  })).describe('owners with the most customers first'),
});
export const portfolioRenewalsSchema = z.object({
  portalId, asOf,
  withinDays: z.number().int(),
  total: count.describe('current customers renewing in the window; the list stops at limit'),
  renewals: z.array(z.object({ ...listRow, ownerName: z.string().nullable(), daysToRenewal: z.number().int() })).describe('soonest first'),
});

const meanHealth = (when: string) => z.number().nullable().describe(`mean health score of the companies ${when} (one decimal); null until that day has come or when no score is known`);
export const portfolioPlayEffectivenessSchema = z.object({
  portalId, asOf,
  plays: z.array(z.object({
    play: z.string().describe('the play as recorded on the card'),
    status: z.enum(['done', 'skipped']),
    outcome: z.string().nullable().describe('the advocacy outcome recorded with it (declined, review, case_study, reference, speaking); null when none'),
    count: count.describe('outcomes recorded with this play, status and outcome'),
    healthWhenRecorded: meanHealth('when each outcome was recorded'),
    healthAfter30Days: meanHealth('30 days after each was recorded'),
    healthAfter90Days: meanHealth('90 days after each was recorded'),
  })).describe('by play, status, then outcome'),
});

export type PlayEffectivenessRow = z.infer<typeof portfolioPlayEffectivenessSchema>['plays'][number];

const filters = {
  owner: z.string().trim().min(1).max(40).optional().describe('HubSpot owner id; "none" for companies without one'),
  segment: z.string().trim().min(1).max(100).optional(),
  cohort: z.enum(cohorts).optional(),
};
const format = { format: z.enum(['json', 'csv']).optional().describe('csv: the section\'s table as RFC 4180 CSV (also Accept: text/csv)') };
const monthsQuery = z.enum(['3', '6', '12']).transform((v) => Number(v) as RetentionMonths);

export const retentionQuerySchema = z.object({ months: monthsQuery.optional().describe('one period only; all three when absent'), ...format });
export const movementQuerySchema = z.object({
  weeks: z.coerce.number().int().min(1).max(104).default(12).describe('weekly trend points'),
  table: z.enum(['transitions', 'trend']).default('transitions').describe('which of the two tables the CSV holds'),
  ...format,
});
export const churnReviewQuerySchema = z.object({
  months: monthsQuery.default(12),
  limit: z.coerce.number().int().min(1).max(1_000).default(200).describe('churned customers listed (the quadrants count them all)'),
  ...format,
});
export const worklistsQuerySchema = z.object({ ...filters, limit: z.coerce.number().int().min(1).max(500).default(10).describe('customers per owner'), ...format });
export const renewalsQuerySchema = z.object({
  ...filters,
  days: z.coerce.number().int().min(1).max(365).default(120).describe('renewing from today to this many days ahead'),
  limit: z.coerce.number().int().min(1).max(5_000).default(500).describe('renewals listed, soonest first'),
  ...format,
});
export const goalsQuerySchema = z.object({ ...format });
export const cohortsQuerySchema = z.object({ ...format });
export const playEffectivenessQuerySchema = z.object({ ...format });
