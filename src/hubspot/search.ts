import { AppError } from '../shared/errors.ts';
import { searchPath, type CrmObjectType } from './api-version.ts';
import { requirePageSize } from './chunks.ts';
import type { PortalRequest } from './request.ts';
import { searchPageSchema, type HubSpotObject } from './schemas.ts';

export const SEARCH_PAGE_MAX = 200;
/** HubSpot serves at most 10,000 results per search query: after + limit beyond it is a 400. */
export const SEARCH_RESULT_CAP = 10_000;
const MODIFIED = 'hs_lastmodifieddate';

export interface SearchFilter {
  /** A property, or the pseudo-property 'associations.company' (EQ a company id) for engagements. */
  propertyName: string;
  operator: 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'BETWEEN' | 'IN' | 'NOT_IN' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY' | 'CONTAINS_TOKEN';
  value?: string;
  highValue?: string;
  values?: readonly string[];
}

export interface SearchModifiedSinceOptions {
  /** Records modified at or after this instant (epoch ms). */
  sinceMs: number;
  properties: readonly string[];
  /** ANDed with the modified-since filter. */
  filters?: readonly SearchFilter[];
  pageSize?: number;
}

export interface SearchPage {
  results: HubSpotObject[];
  /** The latest hs_lastmodifieddate seen so far: checkpoint it and resume with sinceMs set to it. */
  lastModifiedMs: number;
}

/** hs_lastmodifieddate arrives as ISO text or epoch ms text. */
export const parseHubSpotTimestamp = (value: string | null | undefined): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
};

const modifiedMs = (record: HubSpotObject, endpoint: string): number => {
  const ms = parseHubSpotTimestamp(record.properties[MODIFIED]);
  if (ms === undefined) {
    throw new AppError('HUBSPOT_MALFORMED_RESPONSE', `HubSpot returned a malformed response from ${endpoint}: record ${record.id} has no valid ${MODIFIED}`);
  }
  return ms;
};

// POST /crm/objects/2026-03/{type}/search sorted by hs_lastmodifieddate ascending. Past 10,000 results HubSpot stops
// paging, so the window restarts at the last timestamp seen; records at that boundary already yielded are skipped.
export async function* searchModifiedSince(
  request: PortalRequest, type: CrmObjectType, options: SearchModifiedSinceOptions,
): AsyncGenerator<SearchPage> {
  const limit = requirePageSize(options.pageSize ?? SEARCH_PAGE_MAX, SEARCH_PAGE_MAX);
  const endpoint = `POST ${searchPath(type)}`;
  const properties = options.properties.includes(MODIFIED) ? options.properties : [...options.properties, MODIFIED];
  let windowStart = options.sinceMs;
  let offset = 0;
  let alreadyYielded = new Set<string>();
  let lastMs = options.sinceMs;
  let idsAtLastMs = new Set<string>();
  for (;;) {
    const page = await request({
      method: 'POST',
      path: searchPath(type),
      budget: 'search',
      body: {
        filterGroups: [{ filters: [{ propertyName: MODIFIED, operator: 'GTE', value: String(windowStart) }, ...(options.filters ?? [])] }],
        sorts: [{ propertyName: MODIFIED, direction: 'ASCENDING' }],
        properties,
        limit,
        ...(offset > 0 ? { after: String(offset) } : {}),
      },
      schema: searchPageSchema,
    });
    const fresh = page.results.filter((record) => !alreadyYielded.has(record.id));
    for (const record of page.results) {
      const ms = modifiedMs(record, endpoint);
      if (ms > lastMs) {
        lastMs = ms;
        idsAtLastMs = new Set();
      }
      if (ms === lastMs) idsAtLastMs.add(record.id);
    }
    if (fresh.length > 0) yield { results: fresh, lastModifiedMs: lastMs };
    const next = page.paging?.next?.after;
    if (next === undefined || page.results.length === 0) return;
    offset = Number(next);
    if (offset + limit > SEARCH_RESULT_CAP) {
      if (lastMs === windowStart) {
        throw new AppError('HUBSPOT_VALIDATION', `${endpoint}: more than ${SEARCH_RESULT_CAP} records share ${MODIFIED} ${lastMs}; the search window cannot advance`);
      }
      windowStart = lastMs;
      offset = 0;
      alreadyYielded = idsAtLastMs;
      idsAtLastMs = new Set(idsAtLastMs);
    }
  }
}

// The search total of a one-record page: one request, whatever the count.
export const countObjects = async (request: PortalRequest, type: CrmObjectType, filters: readonly SearchFilter[] = []): Promise<number> => {
  const page = await request({
    method: 'POST',
    path: searchPath(type),
    budget: 'search',
    body: { filterGroups: filters.length > 0 ? [{ filters }] : [], properties: ['hs_object_id'], limit: 1 },
    schema: searchPageSchema,
  });
  return page.total;
};
