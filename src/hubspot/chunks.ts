import { AppError } from '../shared/errors.ts';

export const chunksOf = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
};

/** HubSpot rejects an oversized limit with a 400; failing here names the caller's mistake instead. */
export const requirePageSize = (pageSize: number, max: number): number => {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max) {
    throw new AppError('VALIDATION_FAILED', `pageSize must be an integer from 1 to ${max}, got ${pageSize}`);
  }
  return pageSize;
};

/** The cursor of the page after one read with `after` (undefined on the last page); a cursor that does not move would page forever. */
export const nextAfter = (page: { paging?: { next?: { after: string } } }, after: string | undefined, endpoint: string): string | undefined => {
  const next = page.paging?.next?.after;
  if (next !== undefined && next === after) {
    throw new AppError('HUBSPOT_MALFORMED_RESPONSE', `HubSpot returned a malformed response from ${endpoint}: paging.next.after repeats ${next}`);
  }
  return next;
};
