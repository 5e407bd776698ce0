import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { toCsv, type CsvTable } from '../../portfolio/csv.ts';
import { churnReviewCsv, cohortsCsv, goalsCsv, playEffectivenessCsv, renewalsCsv, retentionCsv, transitionsCsv, trendCsv, worklistsCsv } from '../../portfolio/csv-tables.ts';
import {
  churnReviewQuerySchema, cohortsQuerySchema, goalBodySchema, goalsQuerySchema, movementQuerySchema, playEffectivenessQuerySchema, renewalsQuerySchema, retentionQuerySchema, worklistsQuerySchema,
} from '../../portfolio/portfolio.schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { MAX_GOALS_PER_PORTAL, portfolioGoalsRepository } from '../../store/portfolio-goals.ts';
import { portfolioSections } from '../../store/portfolio-sections.ts';
import { actorOf, type PortalAdmin } from '../middleware/admin-auth.ts';

export interface PortfolioRouteDeps {
  db: Db;
  clock: Clock;
  /** requirePortalAdmin from src/server/middleware/admin-auth.ts: an API key or a HubSpot-signed request. */
  requireAdmin: RequestHandler;
}

const base = '/api/v1/portals/:portalId/portfolio';

const parsed = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION_FAILED', `${what}: ${z.prettifyError(result.error)}`, { details: { issues: result.error.issues } });
  return result.data;
};

// ?format=csv wins; otherwise a client that prefers text/csv over JSON in Accept gets CSV.
const wantsCsv = (req: Request, format: 'json' | 'csv' | undefined): boolean =>
  format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');

const reply = <Body extends { portalId: number }>(req: Request, res: Response, format: 'json' | 'csv' | undefined, body: Body, name: string, table: () => CsvTable): void => {
  res.setHeader('Cache-Control', 'no-store');
  res.vary('Accept');
  if (!wantsCsv(req, format)) { res.json(body); return; }
  res.type('text/csv; charset=utf-8').attachment(`${name}-${body.portalId}.csv`).send(toCsv(table()));
};

/**
 * The CS leader's portfolio, one endpoint per section of the page (docs/portfolio.md). Each answers JSON, or its
 * table as CSV for ?format=csv or Accept: text/csv.
 */
export const portfolioRouter = (deps: PortfolioRouteDeps): Router => {
  const router = Router();
  const portalOf = (req: Request) => Number(req.params.portalId);

  /** The section readers for the request's portal, at the clock's now, with the portal's scoring config. */
  const sectionsFor = async (req: Request) => {
    const portalId = portalOf(req);
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    return portfolioSections(deps.db, portalId, { asOf: deps.clock.now(), config });
  };

  router.get(`${base}/cohorts`, deps.requireAdmin, async (req, res) => {
    const { format } = parsed(cohortsQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).cohorts();
    reply(req, res, format, body, 'cohorts', () => cohortsCsv(body));
  });
  router.get(`${base}/retention`, deps.requireAdmin, async (req, res) => {
    const { format, ...query } = parsed(retentionQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).retention(query);
    reply(req, res, format, body, 'retention', () => retentionCsv(body.periods));
  });
  router.get(`${base}/movement`, deps.requireAdmin, async (req, res) => {
    const { format, table, weeks } = parsed(movementQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).movement({ weeks });
    reply(req, res, format, body, table, () => (table === 'trend' ? trendCsv : transitionsCsv)(body));
  });
  router.get(`${base}/churn-review`, deps.requireAdmin, async (req, res) => {
    const { format, ...query } = parsed(churnReviewQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).churnReview(query);
    reply(req, res, format, body, 'churn-review', () => churnReviewCsv(body));
  });
  router.get(`${base}/goals`, deps.requireAdmin, async (req, res) => {
    const { format } = parsed(goalsQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).goals();
    reply(req, res, format, body, 'goals', () => goalsCsv(body.goals));
  });
  router.post(`${base}/goals`, deps.requireAdmin, async (req, res) => {
    const goal = parsed(goalBodySchema, req.body, 'goal');
    const portalId = portalOf(req);
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    const result = await portfolioGoalsRepository(deps.db).create(portalId, goal, {
      now: deps.clock.now(), createdBy: actorOf(res.locals.admin as PortalAdmin), arrProperty: config.properties.arr,
    });
    if ('conflict' in result) {
      throw new AppError('CONFLICT', result.conflict === 'exists'
        ? `A goal for ${goal.cohort} in ${goal.segment} over ${goal.horizonMonths} months is already set: delete it first`
        : `At most ${MAX_GOALS_PER_PORTAL} goals per portal: delete one first`);
    }
    res.status(201).json(result.created);
  });
  router.delete(`${base}/goals/:goalId`, deps.requireAdmin, async (req, res) => {
    const goalId = String(req.params.goalId);
    if (!(await portfolioGoalsRepository(deps.db).remove(portalOf(req), goalId))) throw new AppError('NOT_FOUND', `No goal ${goalId.slice(0, 40)}`);
    res.json({ status: 'ok' });
  });
  router.get(`${base}/worklists`, deps.requireAdmin, async (req, res) => {
    const { format, ...query } = parsed(worklistsQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).worklists(query);
    reply(req, res, format, body, 'worklists', () => worklistsCsv(body.owners));
  });
  router.get(`${base}/renewals`, deps.requireAdmin, async (req, res) => {
    const { format, ...query } = parsed(renewalsQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).renewals(query);
    reply(req, res, format, body, 'renewals', () => renewalsCsv(body));
  });
  router.get(`${base}/play-effectiveness`, deps.requireAdmin, async (req, res) => {
    const { format } = parsed(playEffectivenessQuerySchema, req.query, 'query');
    const body = await (await sectionsFor(req)).playEffectiveness();
    reply(req, res, format, body, 'play-effectiveness', () => playEffectivenessCsv(body.plays));
  });
  return router;
};
