// One catalogue of error codes: each maps to the HTTP status an API caller sees and whether retrying
// the same operation later can succeed. Add codes here, never inline statuses elsewhere.
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, retryable: false },
  VALIDATION_FAILED: { status: 400, retryable: false },
  UNAUTHENTICATED: { status: 401, retryable: false },
  INVALID_SIGNATURE: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  ROUTE_NOT_FOUND: { status: 404, retryable: false },
  CONFLICT: { status: 409, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  INSTALLATION_INACTIVE: { status: 409, retryable: false },
  OAUTH_STATE_INVALID: { status: 400, retryable: false },
  OAUTH_CONSENT_DENIED: { status: 400, retryable: false },
  OAUTH_CODE_MISSING: { status: 400, retryable: false },
  OAUTH_CODE_REJECTED: { status: 400, retryable: false },
  OAUTH_EXCHANGE_FAILED: { status: 502, retryable: true },
  CONFIG_INVALID: { status: 500, retryable: false },
  STORE_UNAVAILABLE: { status: 503, retryable: true },
  SHUTTING_DOWN: { status: 503, retryable: true },
  HUBSPOT_UNAUTHORIZED: { status: 502, retryable: false },
  HUBSPOT_MISSING_SCOPE: { status: 502, retryable: false },
  HUBSPOT_NOT_FOUND: { status: 404, retryable: false },
  HUBSPOT_VALIDATION: { status: 502, retryable: false },
  HUBSPOT_CONFLICT: { status: 409, retryable: false },
  HUBSPOT_RATE_LIMITED: { status: 503, retryable: true },
  HUBSPOT_UNAVAILABLE: { status: 503, retryable: true },
  HUBSPOT_NETWORK: { status: 503, retryable: true },
  HUBSPOT_MALFORMED_RESPONSE: { status: 502, retryable: true },
  HUBSPOT_REFRESH_REJECTED: { status: 409, retryable: false },
  // A dry run that outgrew its time budget would outgrow it again; one whose process died can simply start again.
  DRY_RUN_TIMED_OUT: { status: 500, retryable: false },
  DRY_RUN_LOST: { status: 500, retryable: true },
  INTERNAL: { status: 500, retryable: false },
  NOT_IMPLEMENTED: { status: 501, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }

  get retryable(): boolean {
    return errorCatalogue[this.code].retryable;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

/** Expected failures travel as values; exceptions are for the unexpected. */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
