import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorCatalogue, isAppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { isStoreOutage } from '../../store/outage.ts';

// How long a client should wait before retrying a 503: long enough for a store failover or a restart to finish.
const RETRY_AFTER_SECONDS = 5;

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('ROUTE_NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/** One place turns every failure into `{ error: { code, message } }` with the status from the catalogue. */
export const errorHandler = (logger: Logger): ErrorRequestHandler => (error, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  const status = appError.status;
  const log = (req as { log?: Logger }).log ?? logger;
  if (status >= 500) log.error({ err: error, code: appError.code }, 'request failed');
  else log.info({ code: appError.code }, 'request rejected');
  const body: ErrorBody = { error: { code: appError.code, message: status >= 500 && appError.code === 'INTERNAL' ? 'Internal error' : appError.message } };
  if (appError.details !== undefined && status < 500) body.error.details = appError.details;
  if (status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(status).json(body);
};

const toAppError = (error: unknown): AppError => {
  if (isAppError(error)) return error;
  // body-parser reports malformed JSON and oversized bodies with a status and a type.
  const parserError = error as { type?: string; status?: number };
  if (parserError.type === 'entity.parse.failed') return new AppError('BAD_REQUEST', 'Request body is not valid JSON');
  if (parserError.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large');
  if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return new AppError('BAD_REQUEST', (error as Error).message ?? 'Bad request');
  }
  if (isStoreOutage(error)) return new AppError('STORE_UNAVAILABLE', 'The store is unavailable; try again shortly', { cause: error });
  return new AppError('INTERNAL', 'Internal error', { cause: error });
};

export { errorCatalogue };
