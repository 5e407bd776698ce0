import type { ErrorCode } from '../shared/errors.ts';
import { codeForHubSpotError } from './error-codes.ts';
import type { BatchError } from './schemas.ts';

export interface BatchFailure {
  id: string;
  code: ErrorCode;
  message: string;
}

/**
 * Turns a multi-status body's errors[] into one failure per requested id. HubSpot names the failed ids in
 * context.ids; an id neither in the results nor named by an error still failed, and is reported rather than lost.
 */
export const failuresFromBatchErrors = (
  errors: readonly BatchError[],
  requestedIds: readonly string[],
  succeededIds: ReadonlySet<string>,
): BatchFailure[] => {
  const requested = new Set(requestedIds);
  const failed = new Map<string, BatchFailure>();
  for (const error of errors) {
    const code = codeForHubSpotError(400, error.category);
    for (const id of error.context?.ids ?? []) {
      if (requested.has(id) && !failed.has(id)) failed.set(id, { id, code, message: error.message });
    }
  }
  const unnamed = errors.find((error) => !error.context?.ids?.length);
  for (const id of requested) {
    if (succeededIds.has(id) || failed.has(id)) continue;
    failed.set(id, unnamed
      ? { id, code: codeForHubSpotError(400, unnamed.category), message: unnamed.message }
      : { id, code: 'HUBSPOT_MALFORMED_RESPONSE', message: 'HubSpot reported neither a result nor an error for this input' });
  }
  return [...failed.values()];
};
