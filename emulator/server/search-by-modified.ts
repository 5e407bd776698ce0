import type { CrmRecord, ObjectType } from '../generator/index.ts';
import { lowerBound } from './generated-index.ts';
import type { PortalStore } from './portal-store.ts';

export interface RangeFilter { operator: string; value: number; highValue?: number }

const stampOf = (r: CrmRecord): number => Date.parse(r.properties.hs_lastmodifieddate ?? r.updatedAt);

const inRange = (stamp: number, filters: readonly RangeFilter[]): boolean => filters.every((f) => {
  switch (f.operator) {
    case 'GT': return stamp > f.value;
    case 'GTE': return stamp >= f.value;
    case 'LT': return stamp < f.value;
    case 'LTE': return stamp <= f.value;
    case 'EQ': return stamp === f.value;
    default: return stamp >= f.value && stamp <= (f.highValue ?? f.value);
  }
});

/**
 * The incremental-sync query (hs_lastmodifieddate within a range, ascending) answered from the sorted index of
 * generated records merged with the records changed since, instead of regenerating every company's children.
 */
export const searchByModified = (store: PortalStore, type: ObjectType, filters: readonly RangeFilter[], offset: number, limit: number): { total: number; records: CrmRecord[] } => {
  const { stamps, ids } = store.generatedIndex.stamps(type);
  let lo = 0;
  let hi = stamps.length;
  for (const f of filters) {
    const high = f.operator === 'BETWEEN' ? (f.highValue ?? f.value) : f.value;
    if (f.operator === 'GT') lo = Math.max(lo, lowerBound(stamps, f.value, true));
    if (f.operator === 'GTE' || f.operator === 'EQ' || f.operator === 'BETWEEN') lo = Math.max(lo, lowerBound(stamps, f.value, false));
    if (f.operator === 'LT') hi = Math.min(hi, lowerBound(stamps, f.value, false));
    if (f.operator === 'LTE' || f.operator === 'EQ' || f.operator === 'BETWEEN') hi = Math.min(hi, lowerBound(stamps, high, true));
  }
  const touched = store.touchedIds(type);
  let touchedInRange = 0;
  const live: { stamp: number; record: CrmRecord }[] = [];
  for (const id of touched) {
    const original = store.original(type, id);
    if (original && inRange(stampOf(original), filters)) touchedInRange++;
    const now = store.touchedRecord(type, id);
    if (now && !now.archived && inRange(stampOf(now), filters)) live.push({ stamp: stampOf(now), record: now });
  }
  live.sort((a, b) => a.stamp - b.stamp || Number(a.record.id) - Number(b.record.id));
  const total = Math.max(0, hi - lo) - touchedInRange + live.length;
  const records: CrmRecord[] = [];
  let i = lo;
  let j = 0;
  let position = 0;
  while (records.length < limit && (i < hi || j < live.length)) {
    while (i < hi && touched.has(String(ids[i]))) i++;
    const fromIndex = i < hi ? { stamp: stamps[i] ?? 0, id: ids[i] ?? 0 } : null;
    const fromLive = live[j];
    const takeLive = fromLive !== undefined && (!fromIndex || fromLive.stamp < fromIndex.stamp || (fromLive.stamp === fromIndex.stamp && Number(fromLive.record.id) < fromIndex.id));
    if (!takeLive && !fromIndex) break;
    if (position >= offset) {
      const record = takeLive ? fromLive?.record : store.get(type, String(fromIndex?.id));
      if (record) records.push(record);
    }
    position++;
    if (takeLive) j++;
    else i++;
  }
  return { total, records };
};
