import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { toCsv, type CsvTable } from '../../portfolio/csv.ts';
import { churnReviewCsv, cohortsCsv, retentionCsv, transitionsCsv, trendCsv } from '../../portfolio/csv-tables.ts';
import {
  churnReviewQuerySchema, cohortsQuerySchema, goalBodySchema, goalsQuerySchema, movementQuerySchema, renewalsQuerySchema, retentionMonths, retentionQuerySchema, worklistsQuerySchema,
} from '../../portfolio/portfolio.schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { portfolioRepository } from '../../store/portfolio-repository.ts';

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

const notYet = (section: string): never => {
  throw new AppError('NOT_IMPLEMENTED', `The portfolio's ${section} section is not computed yet`);
};

/**
 * The CS leader's portfolio, one endpoint per section of the page (docs/portfolio.md). Each answers JSON, or its
 * table as CSV for ?format=csv or Accept: text/csv.
 */
export const portfolioRouter = (deps: PortfolioRouteDeps): Router => {
  const router = Router();
  const portalOf = (req: Request) => Number(req.params.portalId);

  router.get(`${base}/cohorts`, deps.requireAdmin, async (req, res) => {
    const query = parsed(cohortsQuerySchema, req.query, 'query');
    const portalId = portalOf(req);
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    const body = { portalId, arrProperty: config.properties.arr, ...(await portfolioRepository(deps.db).cohortsBySegment(portalId, config.properties.arr)) };
    reply(req, res, query.format, body, 'cohorts', () => cohortsCsv(body));
  });

  router.get(`${base}/retention`, deps.requireAdmin, async (req, res) => {
    const query = parsed(retentionQuerySchema, req.query, 'query');
    const portalId = portalOf(req);
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    const asOf = deps.clock.now();
    const months = query.months === undefined ? retentionMonths : [query.months];
    const periods = await portfolioRepository(deps.db).retention(portalId, { asOf, months, arrProperty: config.properties.arr });
    reply(req, res, query.format, { portalId, asOf: asOf.toISOString(), arrProperty: config.properties.arr, periods }, 'retention', () => retentionCsv(periods));
  });
  router.get(`${base}/movement`, deps.requireAdmin, async (req, res) => {
    const query = parsed(movementQuerySchema, req.query, 'query');
    const portalId = portalOf(req);
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    const asOf = deps.clock.now();
    const found = await portfolioRepository(deps.db).movement(portalId, { asOf, weeks: query.weeks, arrProperty: config.properties.arr });
    reply(req, res, query.format, { portalId, asOf: asOf.toISOString(), ...found }, query.table, () => (query.table === 'trend' ? trendCsv : transitionsCsv)(found));
  });
  router.get(`${base}/churn-review`, deps.requireAdmin, async (req, res) => {
    const query = parsed(churnReviewQuerySchema, req.query, 'query');
    const portalId = portalOf(req);
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    const asOf = deps.clock.now();
    const review = await portfolioRepository(deps.db).churnReview(portalId, {
      asOf, months: query.months, limit: query.limit, nameProperty: config.properties.name, arrProperty: config.properties.arr,
    });
    reply(req, res, query.format, { portalId, asOf: asOf.toISOString(), ...review }, 'churn-review', () => churnReviewCsv(review));
  });
  router.get(`${base}/goals`, deps.requireAdmin, (req) => { parsed(goalsQuerySchema, req.query, 'query'); notYet('goals'); });
  router.post(`${base}/goals`, deps.requireAdmin, (req) => { parsed(goalBodySchema, req.body, 'goal'); notYet('goals'); });
  router.delete(`${base}/goals/:goalId`, deps.requireAdmin, () => notYet('goals'));
  router.get(`${base}/worklists`, deps.requireAdmin, (req) => { parsed(worklistsQuerySchema, req.query, 'query'); notYet('worklists'); });
  router.get(`${base}/renewals`, deps.requireAdmin, (req) => { parsed(renewalsQuerySchema, req.query, 'query'); notYet('renewals'); });
  return router;
};
