import type { ChildType, CrmRecord, ObjectType } from '../generator/index.ts';
import { validationError } from './http-errors.ts';
import type { PortalStore } from './portal-store.ts';
import { searchByModified, type RangeFilter } from './search-by-modified.ts';

export const SEARCH_CAP = 10_000;

export interface Filter { propertyName?: unknown; operator?: unknown; value?: unknown; values?: unknown; highValue?: unknown }
export interface SearchRequest { filterGroups?: unknown; sorts?: unknown; properties?: unknown; limit?: unknown; after?: unknown; query?: unknown }

const operators = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']);

/** Dates compare as instants whether given as epoch ms or ISO text, numbers as numbers, the rest as text. */
const comparable = (raw: unknown): number | string => {
  const text = String(raw);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    if (!Number.isNaN(ms)) return ms;
  }
  return text.toLowerCase();
};

const compareComparable = (x: number | string, y: number | string): number => {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
};

const compare = (a: unknown, b: unknown): number => compareComparable(comparable(a), comparable(b));

const matches = (record: CrmRecord, filter: Filter): boolean => {
  const name = String(filter.propertyName);
  const actual = name === 'hs_object_id' ? record.id : record.properties[name];
  const present = actual !== undefined && actual !== null && actual !== '';
  const list = Array.isArray(filter.values) ? filter.values : [];
  switch (filter.operator) {
    case 'HAS_PROPERTY': return present;
    case 'NOT_HAS_PROPERTY': return !present;
    case 'EQ': return present && compare(actual, filter.value) === 0;
    case 'NEQ': return !present || compare(actual, filter.value) !== 0;
    case 'LT': return present && compare(actual, filter.value) < 0;
    case 'LTE': return present && compare(actual, filter.value) <= 0;
    case 'GT': return present && compare(actual, filter.value) > 0;
    case 'GTE': return present && compare(actual, filter.value) >= 0;
    case 'BETWEEN': return present && compare(actual, filter.value) >= 0 && compare(actual, filter.highValue) <= 0;
    case 'IN': return present && list.some((v) => compare(actual, v) === 0);
    case 'NOT_IN': return !present || !list.some((v) => compare(actual, v) === 0);
    case 'CONTAINS_TOKEN': return present && String(actual).toLowerCase().includes(String(filter.value).replace(/\*/g, '').toLowerCase());
    case 'NOT_CONTAINS_TOKEN': return !present || !String(actual).toLowerCase().includes(String(filter.value).replace(/\*/g, '').toLowerCase());
    default: return false;
  }
};

interface ParsedSearch { groups: Filter[][]; sorts: { propertyName: string; descending: boolean }[]; limit: number; offset: number; companyScope: string | null }

const parse = (body: SearchRequest): ParsedSearch => {
  const groups = (Array.isArray(body.filterGroups) ? body.filterGroups : []).map((g: { filters?: unknown }, i) => {
    if (!Array.isArray(g?.filters)) throw validationError(`filterGroups[${i}].filters must be an array`);
    return g.filters as Filter[];
  });
  if (groups.length > 5) throw validationError('Too many filter groups: at most 5 are allowed');
  if (groups.some((g) => g.length > 6) || groups.flat().length > 18) throw validationError('Too many filters: at most 6 per group and 18 in total');
  for (const f of groups.flat()) {
    if (typeof f.propertyName !== 'string') throw validationError('every filter needs a propertyName');
    if (!operators.has(String(f.operator))) throw validationError(`Unsupported filter operator ${String(f.operator)}`);
  }
  const limit = body.limit === undefined ? 10 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw validationError('limit must be an integer between 1 and 200');
  const offset = body.after === undefined || body.after === null || body.after === '' ? 0 : Number(body.after);
  if (!Number.isInteger(offset) || offset < 0) throw validationError(`after must be a numeric offset, got ${String(body.after)}`);
  if (offset + limit > SEARCH_CAP) {
    throw validationError(`Search results are limited to ${SEARCH_CAP}: after (${offset}) + limit (${limit}) is beyond it. Narrow the query instead of paging further.`);
  }
  const sorts = (Array.isArray(body.sorts) ? body.sorts : []).map((s: unknown) =>
    typeof s === 'string' ? { propertyName: s.replace(/^-/, ''), descending: s.startsWith('-') }
      : { propertyName: String((s as { propertyName?: unknown }).propertyName), descending: (s as { direction?: unknown }).direction === 'DESCENDING' });
  // The pseudo-property HubSpot accepts for "objects associated with this company".
  const scope = groups.length === 1 ? groups[0]?.find((f) => f.propertyName === 'associations.company' && f.operator === 'EQ') : undefined;
  return { groups, sorts, limit, offset, companyScope: scope ? String(scope.value) : null };
};

const rangeOperators = new Set(['GT', 'GTE', 'LT', 'LTE', 'EQ', 'BETWEEN']);

/** The filters, when the query is the incremental-sync shape the modification index answers. */
const modifiedRange = (q: ParsedSearch): RangeFilter[] | null => {
  const [sort, ...moreSorts] = q.sorts;
  if (q.groups.length > 1 || !sort || moreSorts.length > 0 || sort.propertyName !== 'hs_lastmodifieddate' || sort.descending) return null;
  const filters: RangeFilter[] = [];
  for (const f of q.groups[0] ?? []) {
    const value = comparable(f.value);
    const highValue = f.operator === 'BETWEEN' ? comparable(f.highValue) : value;
    if (f.propertyName !== 'hs_lastmodifieddate' || !rangeOperators.has(String(f.operator))) return null;
    if (typeof value !== 'number' || typeof highValue !== 'number') return null;
    filters.push({ operator: String(f.operator), value, highValue });
  }
  return filters;
};

/** An unfiltered, unsorted search (a count, mostly): the total from the store's counter, the page from a short scan. */
const firstOfAll = (store: PortalStore, type: ObjectType, q: ParsedSearch): { total: number; records: CrmRecord[]; nextOffset: number | null } => {
  const total = store.liveCount(type);
  const records: CrmRecord[] = [];
  let skipped = 0;
  for (const record of store.scan(type)) {
    if (record.archived) continue;
    if (records.length === q.limit) break;
    if (skipped < q.offset) skipped++;
    else records.push(record);
  }
  return { total, records, nextOffset: q.offset + q.limit < total ? q.offset + q.limit : null };
};

export const runSearch = (store: PortalStore, type: ObjectType, body: SearchRequest): { total: number; records: CrmRecord[]; nextOffset: number | null } => {
  const q = parse(body);
  const range = modifiedRange(q);
  if (range) {
    const { total, records } = searchByModified(store, type, range, q.offset, q.limit);
    return { total, records, nextOffset: q.offset + q.limit < total ? q.offset + q.limit : null };
  }
  if (q.groups.length === 0 && q.sorts.length === 0) return firstOfAll(store, type, q);
  const matched = matchedRecords(store, type, q);
  const page = matched.slice(q.offset, q.offset + q.limit);
  const nextOffset = q.offset + q.limit < matched.length ? q.offset + q.limit : null;
  return { total: matched.length, records: page, nextOffset };
};

interface Matched { version: number; records: CrmRecord[] }
const recentMatches = new WeakMap<PortalStore, Map<string, Matched>>();
const KEPT_QUERIES = 16;

/**
 * Every record the query matches, in order. A client pages one query through up to 10,000 results 200 at a time;
 * filtering and sorting the whole type again for each page made the emulator's company search the slowest part of
 * an XL sync, so the ordered result is kept until the store changes.
 */
const matchedRecords = (store: PortalStore, type: ObjectType, q: ParsedSearch): CrmRecord[] => {
  const cacheKey = `${type}:${JSON.stringify([q.groups, q.sorts])}`;
  const kept = recentMatches.get(store) ?? new Map<string, Matched>();
  recentMatches.set(store, kept);
  const hit = kept.get(cacheKey);
  if (hit && hit.version === store.version) return hit.records;
  const records = filterAndSort(store, type, q);
  kept.delete(cacheKey);
  kept.set(cacheKey, { version: store.version, records });
  if (kept.size > KEPT_QUERIES) kept.delete(kept.keys().next().value as string);
  return records;
};

const filterAndSort = (store: PortalStore, type: ObjectType, q: ParsedSearch): CrmRecord[] => {
  const source: Iterable<CrmRecord> = q.companyScope !== null && type !== 'companies'
    ? store.childrenOf(q.companyScope, type as ChildType)
    : store.scan(type);
  const matched: CrmRecord[] = [];
  for (const record of source) {
    if (record.archived || (q.companyScope !== null && record.contactOnly)) continue;
    const pass = q.groups.length === 0 || q.groups.some((g) => g.every((f) => f.propertyName === 'associations.company'
      ? record.companyId === String(f.value) && !record.contactOnly : matches(record, f)));
    if (pass) matched.push(record);
  }
  return q.sorts.length > 0 ? sorted(matched, q.sorts) : matched;
};

/**
 * Each record's sort values read once, not once per comparison: a customer search at XL sorts about 70,000
 * companies by hs_lastmodifieddate, and parsing both dates in every comparison held the emulator for seconds.
 */
const sorted = (records: readonly CrmRecord[], sorts: ParsedSearch['sorts']): CrmRecord[] => {
  const keyed = records.map((record) => ({ record, id: Number(record.id), keys: sorts.map((s) => comparable(record.properties[s.propertyName] ?? '')) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < sorts.length; i++) {
      const c = compareComparable(a.keys[i] ?? '', b.keys[i] ?? '') * (sorts[i]?.descending ? -1 : 1);
      if (c !== 0) return c;
    }
    return a.id - b.id;
  });
  return keyed.map((k) => k.record);
};
