import { randomUUID } from 'node:crypto';

/** HubSpot's error body: every error carries a category and a correlationId the caller can quote. */
export const errorBody = (category: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  status: 'error', message, correlationId: randomUUID(), category, ...extra,
});

export class HubSpotHttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, category: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.body = errorBody(category, message, extra);
  }
}

export const validationError = (message: string, extra: Record<string, unknown> = {}): HubSpotHttpError =>
  new HubSpotHttpError(400, 'VALIDATION_ERROR', message, extra);

export const notFound = (message: string): HubSpotHttpError => new HubSpotHttpError(404, 'OBJECT_NOT_FOUND', message);
