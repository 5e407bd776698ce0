import type { ErrorCode } from '../shared/errors.ts';

// HubSpot's error categories say more than the status (a 403 can be a missing scope or a blocked portal), so a
// known category wins over the status.
const codeByCategory: Record<string, ErrorCode> = {
  MISSING_SCOPES: 'HUBSPOT_MISSING_SCOPE',
  INVALID_AUTHENTICATION: 'HUBSPOT_UNAUTHORIZED',
  EXPIRED_AUTHENTICATION: 'HUBSPOT_UNAUTHORIZED',
  OBJECT_NOT_FOUND: 'HUBSPOT_NOT_FOUND',
  CONFLICT: 'HUBSPOT_CONFLICT',
  OBJECT_ALREADY_EXISTS: 'HUBSPOT_CONFLICT',
  VALIDATION_ERROR: 'HUBSPOT_VALIDATION',
  RATE_LIMITS: 'HUBSPOT_RATE_LIMITED',
};

const codeByStatus: Record<number, ErrorCode> = {
  400: 'HUBSPOT_VALIDATION',
  401: 'HUBSPOT_UNAUTHORIZED',
  403: 'HUBSPOT_MISSING_SCOPE',
  404: 'HUBSPOT_NOT_FOUND',
  409: 'HUBSPOT_CONFLICT',
  429: 'HUBSPOT_RATE_LIMITED',
};

/** The catalogue code for a HubSpot error that retrying will not fix (or that retries could not fix). */
export const codeForHubSpotError = (status: number | undefined, category: string | undefined): ErrorCode => {
  const byCategory = category === undefined ? undefined : codeByCategory[category];
  if (byCategory) return byCategory;
  if (status === undefined) return 'HUBSPOT_NETWORK';
  if (status >= 500) return 'HUBSPOT_UNAVAILABLE';
  return codeByStatus[status] ?? 'HUBSPOT_VALIDATION';
};
