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
