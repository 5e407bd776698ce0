import { Router, type Request } from 'express';
import { z } from 'zod';
import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { systemClock, type Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { installationsRepository } from '../../store/installations-repository.ts';
import { scoresRepository } from '../../store/scores-repository.ts';
import { loadCardData } from '../cards/load-card-data.ts';
import { cardPage, emptyCardPage } from '../preview/card-page.ts';
import { settingsPage } from '../preview/settings-page.ts';
import { worklistPage } from '../preview/worklist-page.ts';
import { portfolioPage } from '../preview/portfolio-page.ts';
import { loadPortfolioView, previewFilters, type EnqueueBacktest } from '../preview/portfolio-data.ts';
import { portfolioCsv } from '../preview/portfolio-csv.ts';
import { describeApiKey } from '../../install/api-key-admin.ts';
import { apiKeysRepository } from '../../store/api-keys-repository.ts';
import { dataCoverageRepository } from '../../store/data-coverage-repository.ts';
import { scoringConfigRepository } from '../../store/scoring-config-repository.ts';
import { parseConfigAuthor } from '../scoring-config/config-author.ts';
import { countFit } from '../scoring-config/fit-counts.ts';
import type { PortalPropertiesReader } from './settings-data.ts';

export interface PreviewRouteDeps {
  db: Db;
  /** The portfolio's figures are as of now; the system clock unless a test fixes it. */
  clock?: Clock;
  /** The settings endpoint's property reader; without it /preview/settings is not served. */
  readProperties?: PortalPropertiesReader;
  /** Queues the backtest job when the stored one is missing or stale, as GET …/backtest does; without it the page only reads. */
  enqueueBacktest?: EnqueueBacktest;
}

const WORKLIST_SIZE = 50;
const portalQuery = z.object({ portalId: z.string().regex(/^\d{1,15}$/, 'portalId must be a HubSpot portal id').transform(Number).optional() });
const companyParam = z.string().regex(/^\d{1,20}$/, 'the company id must be a HubSpot record id');

// Sandbox only (main.ts mounts this router only without HubSpot credentials): the demo portal is the one
// installed portal, so the page needs no portalId; with several, the query names one.
const previewPortal = async (db: Db, req: Request): Promise<number> => {
  const query = portalQuery.safeParse(req.query);
  if (!query.success) throw new AppError('VALIDATION_FAILED', query.error.issues.map((i) => i.message).join('; '));
  const active = await installationsRepository(db).listByStatus('active');
  const portalId = query.data.portalId ?? (active.length === 1 ? active[0]?.portalId : undefined);
  if (portalId === undefined || !active.some((i) => i.portalId === portalId)) {
    throw new AppError('NOT_FOUND', active.length === 0 ? 'No portal is installed yet: the sandbox is still starting' : 'Name an installed portal with ?portalId=');
  }
  return portalId;
};

/** GET /preview (the worklist), /preview/portfolio, /preview/companies/:id (one company's card) and /preview/settings, as plain HTML pages. */
export const previewRouter = (deps: PreviewRouteDeps): Router => {
  const router = Router();
  router.get('/preview', async (req, res) => {
    const portalId = await previewPortal(deps.db, req);
    res.type('html').send(worklistPage(portalId, await scoresRepository(deps.db).worklist(portalId, WORKLIST_SIZE)));
  });
  router.get('/preview/portfolio', async (req, res) => {
    const portalId = await previewPortal(deps.db, req);
    res.type('html').send(portfolioPage(await loadPortfolioView(deps.db, deps.clock ?? systemClock, portalId, previewFilters(req.query), deps.enqueueBacktest)));
  });
  router.get('/preview/portfolio/:section.csv', async (req, res) => {
    const portalId = await previewPortal(deps.db, req);
    const view = await loadPortfolioView(deps.db, deps.clock ?? systemClock, portalId, previewFilters(req.query));
    const csv = portfolioCsv(view, String(req.params.section));
    res.type('text/csv; charset=utf-8').attachment(`${String(req.params.section)}-${portalId}.csv`).send(csv);
  });
  const { readProperties } = deps;
  if (readProperties) {
    router.get('/preview/settings', async (req, res) => {
      const portalId = await previewPortal(deps.db, req);
      const { config, version } = await effectiveScoringConfig(deps.db, portalId);
      const [properties, counts, versions, keys, coverage] = await Promise.all([
        readProperties(portalId), countFit(deps.db, portalId, config),
        scoringConfigRepository(deps.db).history(portalId, 50), apiKeysRepository(deps.db).listForPortal(portalId),
        dataCoverageRepository(deps.db).latest(portalId),
      ]);
      res.type('html').send(settingsPage({
        portalId, version, config, properties: properties.objects, counts, keys: keys.map(describeApiKey), coverage,
        versions: versions.map((v) => ({ version: v.version, savedAt: v.createdAt.toISOString(), savedBy: parseConfigAuthor(v.createdBy) })),
      }));
    });
  }
  router.get('/preview/companies/:id', async (req, res) => {
    const companyId = companyParam.safeParse(req.params.id);
    if (!companyId.success) throw new AppError('VALIDATION_FAILED', companyId.error.issues[0]?.message ?? 'bad company id');
    const portalId = await previewPortal(deps.db, req);
    const data = await loadCardData(deps.db, portalId, companyId.data);
    if (data.status !== 'ok') {
      res.type('html').send(emptyCardPage(data.status, companyId.data));
      return;
    }
    const { config } = await effectiveScoringConfig(deps.db, portalId);
    res.type('html').send(cardPage(data, config.health.status));
  });
  return router;
};
