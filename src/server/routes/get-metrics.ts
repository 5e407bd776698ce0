import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { AppError } from '../../shared/errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics in Prometheus' text format. With a token configured, a scraper must send it as a bearer token: the
 * figures name portals, which is nothing to publish on the app's public address.
 */
export const getMetrics = (registry: Registry, token: string | undefined): RequestHandler => async (req, res, next) => {
  if (token !== undefined) {
    const sent = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(sent), digest(token))) {
      next(new AppError('UNAUTHENTICATED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>'));
      return;
    }
  }
  try {
    res.set('content-type', registry.contentType).send(await registry.metrics());
  } catch (error) {
    next(error);
  }
};
