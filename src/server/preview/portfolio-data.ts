import { z } from 'zod';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { churnReviewQuerySchema, movementQuerySchema, renewalsQuerySchema, retentionQuerySchema, worklistsQuerySchema } from '../../portfolio/portfolio.schema.ts';
import { cohorts } from '../../scoring/config.schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { portfolioSections } from '../../store/portfolio-sections.ts';
import { starPupilsRepository } from '../../store/star-pupils-repository.ts';
import { readBacktest } from '../routes/get-backtest.ts';
import type { PortfolioFilters, PortfolioView, SectionResult } from './portfolio-view.ts';

// The data behind /preview/portfolio, read through the same section readers as the portfolio endpoints (each with
// its endpoint's default query, the worklist filters applied), so the sandbox page and the HubSpot home page show one
// set of figures.

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

/** Queues the backtest job as the endpoint does when the stored one is missing or stale; without it the page only reads. */
export type EnqueueBacktest = (portalId: number) => Promise<unknown>;
const readOnly: EnqueueBacktest = async () => undefined;

export const loadPortfolioView = async (
  db: Db, clock: Clock, portalId: number, filters: PortfolioFilters, enqueueBacktest: EnqueueBacktest = readOnly,
): Promise<PortfolioView> => {
  const { config } = await effectiveScoringConfig(db, portalId);
  const sections = portfolioSections(db, portalId, { asOf: clock.now(), config });
  const [cohortsResult, movementResult, retentionResult, churnResult, goalsResult, worklistsResult, renewalsResult, playsResult, backtestResult, pupilsResult] = await Promise.all([
    settled(() => sections.cohorts()),
    settled(() => sections.movement(movementQuerySchema.parse({}))),
    settled(() => sections.retention(retentionQuerySchema.parse({}))),
    settled(() => sections.churnReview(churnReviewQuerySchema.parse({}))),
    settled(() => sections.goals()),
    settled(() => sections.worklists(worklistsQuerySchema.parse(filters))),
    settled(() => sections.renewals(renewalsQuerySchema.parse(filters))),
    settled(() => sections.playEffectiveness()),
    settled(() => readBacktest({ db, clock, enqueueBacktest }, portalId, 180)),
    settled(() => starPupilsRepository(db).latest(portalId)),
  ]);
  return {
    portalId, filters,
    cohorts: cohortsResult, movement: movementResult, retention: retentionResult, churnReview: churnResult,
    goals: goalsResult, worklists: worklistsResult, renewals: renewalsResult, playEffectiveness: playsResult,
    backtest: backtestResult, starPupils: pupilsResult,
  };
};
