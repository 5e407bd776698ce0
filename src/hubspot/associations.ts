import { AppError } from '../shared/errors.ts';
import { associationsBatchReadPath, type CrmObjectType } from './api-version.ts';
import { failuresFromBatchErrors, type BatchFailure } from './batch-failures.ts';
import { chunksOf } from './chunks.ts';
import type { PortalRequest } from './request.ts';
import { associationsBatchResponseSchema, type BatchError } from './schemas.ts';

/** Ids per association batch read since HubSpot raised the limit on 2025-02-10. */
export const ASSOCIATIONS_BATCH_MAX = 1_000;

export interface AssociationsResult {
  /** Every requested id, mapped to its associated ids (empty when it has none). */
  byId: Map<string, string[]>;
  failed: BatchFailure[];
}

// An id with no associations is reported as an error by HubSpot; for Waypoint it is simply an empty list.
const isNoAssociations = (error: BatchError): boolean => error.subCategory?.endsWith('NO_ASSOCIATIONS_FOUND') === true;

// POST /crm/associations/2026-03/{from}/{to}/batch/read: at most 1,000 ids; each id's targets are paged on their own,
// so ids with a next cursor are asked again with their own `after` until none is left.
export const batchReadAssociations = async (
  request: PortalRequest, fromType: CrmObjectType, toType: CrmObjectType, ids: readonly string[],
): Promise<AssociationsResult> => {
  const byId = new Map<string, string[]>(ids.map((id) => [id, []]));
  const failed: BatchFailure[] = [];
  const cursorsSeen = new Set<string>();
  let pending: Array<{ id: string; after?: string }> = [...byId.keys()].map((id) => ({ id }));
  while (pending.length > 0) {
    const followUps: typeof pending = [];
    for (const chunk of chunksOf(pending, ASSOCIATIONS_BATCH_MAX)) {
      const response = await request({
        method: 'POST', path: associationsBatchReadPath(fromType, toType), body: { inputs: chunk }, schema: associationsBatchResponseSchema,
      });
      const answered = new Set<string>();
      for (const result of response.results) {
        answered.add(result.from.id);
        byId.get(result.from.id)?.push(...result.to.map((target) => target.toObjectId));
        const after = result.paging?.next?.after;
        if (after === undefined) continue;
        const cursor = `${result.from.id}\u0000${after}`;
        if (cursorsSeen.has(cursor)) {
          throw new AppError('HUBSPOT_MALFORMED_RESPONSE', `HubSpot returned a malformed response from POST ${associationsBatchReadPath(fromType, toType)}: cursor repeats for ${result.from.id}`);
        }
        cursorsSeen.add(cursor);
        followUps.push({ id: result.from.id, after });
      }
      // Ids HubSpot leaves out have no associations, unless an error without ids may be about them.
      const errors = (response.errors ?? []).filter((error) => !isNoAssociations(error));
      const named = new Set(errors.flatMap((error) => error.context?.ids ?? []));
      const unnamedError = errors.some((error) => !error.context?.ids?.length);
      const chunkIds = chunk.map((input) => input.id);
      const succeeded = new Set(chunkIds.filter((id) => !named.has(id) && (answered.has(id) || !unnamedError)));
      failed.push(...failuresFromBatchErrors(errors, chunkIds, succeeded));
    }
    pending = followUps;
  }
  return { byId, failed };
};
