import express, { type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { Db } from '../store/db.ts';
import type { Logger } from '../shared/logger.ts';
import { errorHandler, notFoundHandler } from './middleware/error-handler.ts';
import { keepRawBody } from './middleware/raw-body.ts';
import { requestLogger } from './middleware/request-logger.ts';
import { getHealthz, getReadyz } from './routes/get-health.ts';
import { getMetrics } from './routes/get-metrics.ts';
import { openApiJson } from './openapi/document.ts';

export type AppDeps = {
  logger: Logger;
  db: Db;
  /** Feature routers (OAuth, webhooks, cards, admin API), built by the composition root from their own deps. */
  routers?: Router[];
  /** While true, responses ask clients to close their connection so a draining server empties quickly. */
  isDraining?: () => boolean;
  /** Served at GET /metrics; `token`, when set, is the bearer token a scraper must send. */
  metrics?: { registry: Registry; token: string | undefined };
  /** What is wrong with the encryption key for this store, or null; /readyz answers 503 with it. */
  keyProblem?: () => Promise<string | null>;
};

let documentText: string | undefined;
/** Built on first request: converting every schema costs tens of milliseconds, and most processes never serve it. */
const openApiDocumentText = (): string => (documentText ??= openApiJson());

/** Builds the HTTP app without listening, so tests drive it in-process. */
export const createApp = (deps: AppDeps): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(requestLogger(deps.logger));
  app.use((_req, res, next) => {
    if (deps.isDraining?.()) res.setHeader('Connection', 'close');
    next();
  });
  // hubspot.fetch caps bodies at 1 MB and webhook batches are small; anything larger is not from HubSpot.
  app.use(express.json({ limit: '1mb', verify: keepRawBody }));
  app.get('/healthz', getHealthz);
  app.get('/readyz', getReadyz(deps.db, deps.isDraining, deps.keyProblem));
  if (deps.metrics) app.get('/metrics', getMetrics(deps.metrics.registry, deps.metrics.token));
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(openApiDocumentText());
  });
  for (const router of deps.routers ?? []) app.use(router);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
};

/**
 * A worker-only process serves no product routes, but its orchestrator still needs to know it is alive and ready,
 * and its jobs are what /metrics times: the same /healthz, /readyz and /metrics as the web app, on its own port.
 */
export const createHealthApp = (deps: Pick<AppDeps, 'logger' | 'db' | 'isDraining' | 'metrics' | 'keyProblem'>): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', getHealthz);
  app.get('/readyz', getReadyz(deps.db, deps.isDraining, deps.keyProblem));
  if (deps.metrics) app.get('/metrics', getMetrics(deps.metrics.registry, deps.metrics.token));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
};
