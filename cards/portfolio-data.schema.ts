import { z } from 'zod';
import { cohortSchema, fitValueSchema, healthStatusSchema } from './card-data.schema.ts';

// What the home page reads from the portfolio's section endpoints (GET /api/v1/portals/:portalId/portfolio/<section>,
// docs/portfolio.md). Like the card's contract, every answer is parsed here, so a drift shows as a named field in
// the section's error, never as a half-drawn table; unknown fields are dropped, so the backend may add one first.

const count = z.number().int().min(0);
const money = z.number();
const instant = z.string().min(1);
const rate = z.number().nullable();

export const retentionMonths = [3, 6, 12] as const;
export type RetentionMonths = (typeof retentionMonths)[number];
export const movementDays = [30, 90] as const;

export const portfolioCohortsSchema = z.object({
  arrProperty: z.string(),
  cells: z.array(z.object({ segment: z.string(), cohort: cohortSchema, customers: count, arr: money })),
  churned: z.array(z.object({ segment: z.string(), customers: count, arr: money })),
});
export type PortfolioCohorts = z.infer<typeof portfolioCohortsSchema>;

export const retentionFiguresSchema = z.object({
  customers: count,
  retainedCustomers: count,
  startArr: money,
  expansionArr: money,
  contractionArr: money,
  churnedArr: money,
  grossRevenueRetention: rate,
  netRevenueRetention: rate,
  logoRetention: rate,
});
export type RetentionFigures = z.infer<typeof retentionFiguresSchema>;

const retentionReport = { all: retentionFiguresSchema, goodFit: retentionFiguresSchema, badFit: retentionFiguresSchema };

export const portfolioRetentionSchema = z.object({
  periods: z.array(z.object({
    months: z.literal(retentionMonths),
    start: instant,
    total: z.object(retentionReport),
    byCohort: z.array(z.object({ ...retentionReport, cohort: cohortSchema })),
    bySegment: z.array(z.object({ ...retentionReport, segment: z.string() })),
  })),
});
export type PortfolioRetention = z.infer<typeof portfolioRetentionSchema>;
export type RetentionPeriod = PortfolioRetention['periods'][number];

export const movementFromSchema = z.union([cohortSchema, z.literal('new')]);
export const movementToSchema = z.union([cohortSchema, z.literal('churned')]);

export const portfolioMovementSchema = z.object({
  windows: z.array(z.object({
    days: z.literal(movementDays),
    since: instant,
    transitions: z.array(z.object({ from: movementFromSchema, to: movementToSchema, customers: count, arr: money })),
  })),
  trend: z.array(z.object({ weekEnding: instant, cohort: cohortSchema, customers: count })),
});
export type PortfolioMovement = z.infer<typeof portfolioMovementSchema>;

export const churnQuadrants = ['avoidable_expected', 'avoidable_unexpected', 'unavoidable_expected', 'unavoidable_unexpected'] as const;
export const churnQuadrantSchema = z.enum(churnQuadrants);

export const portfolioChurnReviewSchema = z.object({
  months: z.literal(retentionMonths),
  since: instant,
  quadrants: z.array(z.object({ quadrant: churnQuadrantSchema, avoidable: z.boolean(), expected: z.boolean(), customers: count, arr: money })),
  customers: z.array(z.object({
    companyId: z.string(),
    name: z.string().nullable(),
    segment: z.string(),
    fit: fitValueSchema,
    churnedAt: instant.nullable(),
    quadrant: churnQuadrantSchema,
    reason: z.string(),
    arr: money.nullable(),
  })),
});
export type PortfolioChurnReview = z.infer<typeof portfolioChurnReviewSchema>;

const meanHealth = z.number().nullable();
export const portfolioPlayEffectivenessSchema = z.object({
  plays: z.array(z.object({
    play: z.string(),
    status: z.enum(['done', 'skipped']),
    outcome: z.string().nullable(),
    count,
    healthWhenRecorded: meanHealth,
    healthAfter30Days: meanHealth,
    healthAfter90Days: meanHealth,
  })),
});
export type PortfolioPlayEffectiveness = z.infer<typeof portfolioPlayEffectivenessSchema>;

export const goalTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), changePercent: z.number() }),
  z.object({ kind: z.literal('nrr'), nrr: z.number() }),
]);
export type GoalTarget = z.infer<typeof goalTargetSchema>;

export const goalSchema = z.object({
  id: z.string(),
  cohort: cohortSchema,
  segment: z.string(),
  horizonMonths: z.literal(retentionMonths),
  target: goalTargetSchema,
  dueAt: instant,
  measure: z.enum(['customers', 'nrr']),
  baseline: z.number().nullable(),
  targetValue: z.number().nullable(),
  current: z.number().nullable(),
  expectedByNow: z.number().nullable(),
  status: z.enum(['on_track', 'behind', 'unknown']),
});
export type Goal = z.infer<typeof goalSchema>;
export const portfolioGoalsSchema = z.object({ goals: z.array(goalSchema) });
export type PortfolioGoals = z.infer<typeof portfolioGoalsSchema>;

/** POST .../portfolio/goals: what the leader sets. */
export type GoalBody = { cohort: z.infer<typeof cohortSchema>; segment: string; horizonMonths: RetentionMonths; target: GoalTarget };
/** The page reloads the goals after a save, so it needs nothing of the answer but its success. */
export const goalSavedSchema = z.unknown();

const listRow = {
  companyId: z.string(),
  name: z.string().nullable(),
  ownerId: z.string().nullable(),
  segment: z.string(),
  cohort: cohortSchema,
  priority: z.number(),
  healthScore: z.number(),
  healthStatus: healthStatusSchema,
  nextPlay: z.string(),
  renewalDate: z.string().nullable(),
  arr: money.nullable(),
};
export const worklistRowSchema = z.object(listRow);
export type WorklistRow = z.infer<typeof worklistRowSchema>;

export const portfolioWorklistsSchema = z.object({
  owners: z.array(z.object({ ownerId: z.string().nullable(), ownerName: z.string().nullable(), customers: count, top: z.array(worklistRowSchema) })),
});
export type PortfolioWorklists = z.infer<typeof portfolioWorklistsSchema>;

export const portfolioRenewalsSchema = z.object({
  withinDays: z.number().int(),
  renewals: z.array(z.object({ ...listRow, ownerName: z.string().nullable(), daysToRenewal: z.number().int() })),
});
export type PortfolioRenewals = z.infer<typeof portfolioRenewalsSchema>;

/** Filters the worklists and renewals take (query parameters); an absent one does not filter. */
export type ListFilters = { owner?: string; segment?: string; cohort?: z.infer<typeof cohortSchema> };

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });
