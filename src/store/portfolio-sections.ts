import type { z } from 'zod';
import {
  churnReviewQuerySchema, movementQuerySchema, renewalsQuerySchema, retentionMonths, retentionQuerySchema, worklistsQuerySchema,
} from '../portfolio/portfolio.schema.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';
import type { Queryable } from './db.ts';
import { portfolioGoalsRepository } from './portfolio-goals.ts';
import { playOutcomesRepository } from './play-outcomes-repository.ts';
import { portfolioRepository } from './portfolio-repository.ts';

const oneDecimal = (mean: number | null): number | null => (mean === null ? null : Math.round(mean * 10) / 10);

type Query<S extends z.ZodType> = Omit<z.infer<S>, 'format'>;

/**
 * Each section's answer, exactly as its endpoint gives it, for a parsed query: the routes, the sandbox's page and the
 * whole-page bench read the portfolio through these, so all three show one set of figures.
 */
export const portfolioSections = (db: Queryable, portalId: number, context: { asOf: Date; config: ScoringConfig }) => {
  const { asOf, config } = context;
  const arrProperty = config.properties.arr;
  const repository = portfolioRepository(db);
  const stamp = { portalId, asOf: asOf.toISOString() };
  return {
    cohorts: async () => ({ portalId, arrProperty, ...(await repository.cohortsBySegment(portalId, arrProperty)) }),
    retention: async (query: Query<typeof retentionQuerySchema>) => ({
      ...stamp, arrProperty,
      periods: await repository.retention(portalId, { asOf, months: query.months === undefined ? retentionMonths : [query.months], arrProperty }),
    }),
    movement: async (query: Pick<Query<typeof movementQuerySchema>, 'weeks'>) => ({ ...stamp, ...(await repository.movement(portalId, { asOf, weeks: query.weeks, arrProperty })) }),
    churnReview: async (query: Query<typeof churnReviewQuerySchema>) => ({
      ...stamp, ...(await repository.churnReview(portalId, { asOf, months: query.months, limit: query.limit, nameProperty: config.properties.name, arrProperty })),
    }),
    goals: async () => ({ ...stamp, goals: await portfolioGoalsRepository(db).list(portalId, { now: asOf, arrProperty }) }),
    worklists: async ({ limit, ...filters }: Query<typeof worklistsQuerySchema>) => ({ ...stamp, owners: await repository.worklists(portalId, { config, filters, limit }) }),
    renewals: async ({ limit, days, ...filters }: Query<typeof renewalsQuerySchema>) => ({
      ...stamp, ...(await repository.renewals(portalId, { config, filters, asOf, withinDays: days, limit })),
    }),
    playEffectiveness: async () => ({
      ...stamp,
      plays: (await playOutcomesRepository(db).effectiveness(portalId, asOf)).map((r) => ({
        play: r.play, status: r.status as 'done' | 'skipped', outcome: r.outcome, count: r.count,
        healthWhenRecorded: oneDecimal(r.health_at), healthAfter30Days: oneDecimal(r.health_30), healthAfter90Days: oneDecimal(r.health_90),
      })),
    }),
  };
};

export type PortfolioSections = ReturnType<typeof portfolioSections>;

/** The whole page's data as the home page loads it: every section with its endpoint's default query. */
export const wholePortfolio = async (db: Queryable, portalId: number, context: { asOf: Date; config: ScoringConfig }) => {
  const sections = portfolioSections(db, portalId, context);
  const [cohorts, retention, movement, churnReview, goals, worklists, renewals, playEffectiveness] = await Promise.all([
    sections.cohorts(), sections.retention(retentionQuerySchema.parse({})), sections.movement(movementQuerySchema.parse({})),
    sections.churnReview(churnReviewQuerySchema.parse({})), sections.goals(), sections.worklists(worklistsQuerySchema.parse({})),
    sections.renewals(renewalsQuerySchema.parse({})), sections.playEffectiveness(),
  ]);
  return { cohorts, retention, movement, churnReview, goals, worklists, renewals, playEffectiveness };
};
