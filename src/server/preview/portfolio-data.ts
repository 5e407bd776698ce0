import { z } from 'zod';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { churnReviewQuerySchema, movementQuerySchema, retentionMonths } from '../../portfolio/portfolio.schema.ts';
import { cohorts } from '../../scoring/config.schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { portfolioRepository } from '../../store/portfolio-repository.ts';
import type { PortfolioFilters, PortfolioView, SectionResult } from './portfolio-view.ts';

// The data behind /preview/portfolio, read through the same store calls the portfolio endpoints make, so the sandbox
// page and the HubSpot home page show one set of figures. A section whose endpoint is not computed yet says so, as
// the endpoint does (501), instead of drawing something else.

const filtersSchema = z.object({
  owner: z.string().trim().min(1).max(40).optional(),
  segment: z.string().trim().min(1).max(100).optional(),
  cohort: z.enum(cohorts).optional(),
});

/** The worklist filters from the page's query string; an empty select means no filter. */
export const previewFilters = (query: Record<string, unknown>): PortfolioFilters => {
  const picked = Object.fromEntries(['owner', 'segment', 'cohort'].flatMap((key) => (typeof query[key] === 'string' && query[key] !== '' ? [[key, query[key]]] : [])));
  const parsed = filtersSchema.safeParse(picked);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
};

const settled = async <T>(load: () => Promise<T>): Promise<SectionResult<T>> => {
  try {
    return { ok: true, data: await load() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
};

const notComputedYet = (section: string): SectionResult<never> => ({ ok: false, message: `the portfolio's ${section} section is not computed yet` });

// The endpoints' defaults, so both pages draw the same weeks and the same churn period.
const trendWeeks = movementQuerySchema.parse({}).weeks;
const churnDefaults = churnReviewQuerySchema.parse({});

export const loadPortfolioView = async (db: Db, clock: Clock, portalId: number, filters: PortfolioFilters): Promise<PortfolioView> => {
  const { config } = await effectiveScoringConfig(db, portalId);
  const arrProperty = config.properties.arr;
  const repository = portfolioRepository(db);
  const asOf = clock.now();
  const [cohortsResult, movementResult, retentionResult, churnResult] = await Promise.all([
    settled(async () => ({ arrProperty, ...(await repository.cohortsBySegment(portalId, arrProperty)) })),
    settled(async () => ({ portalId, asOf: asOf.toISOString(), ...(await repository.movement(portalId, { asOf, weeks: trendWeeks, arrProperty })) })),
    settled(async () => ({ portalId, asOf: asOf.toISOString(), arrProperty, periods: await repository.retention(portalId, { asOf, months: retentionMonths, arrProperty }) })),
    settled(async () => ({ portalId, asOf: asOf.toISOString(), ...(await repository.churnReview(portalId, { asOf, months: churnDefaults.months, limit: churnDefaults.limit, nameProperty: config.properties.name, arrProperty })) })),
  ]);
  return {
    portalId, filters,
    cohorts: cohortsResult,
    movement: movementResult,
    retention: retentionResult,
    churnReview: churnResult,
    goals: notComputedYet('goals'),
    worklists: notComputedYet('worklists'),
    renewals: notComputedYet('renewals'),
  };
};
