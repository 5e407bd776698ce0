import { childTypes, type ChildType, type ObjectType, type Portal } from '../generator/index.ts';

export interface SortedStamps { stamps: Float64Array; ids: Float64Array }

const sortPairs = (pairs: number[]): SortedStamps => {
  const n = pairs.length / 2;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (pairs[a * 2] ?? 0) - (pairs[b * 2] ?? 0) || (pairs[a * 2 + 1] ?? 0) - (pairs[b * 2 + 1] ?? 0));
  const stamps = new Float64Array(n);
  const ids = new Float64Array(n);
  order.forEach((from, to) => {
    stamps[to] = pairs[from * 2] ?? 0;
    ids[to] = pairs[from * 2 + 1] ?? 0;
  });
  return { stamps, ids };
};

/**
 * hs_lastmodifieddate of every generated record, sorted, in typed arrays: incremental sync searches by that date
 * on every poll, and scanning regenerated children for each would cost seconds on L and XL portals. Generated
 * records never change, so the index is built once (all child types in one pass) and stays valid.
 */
export class ModifiedIndex {
  private readonly portal: Portal;
  private readonly built = new Map<ObjectType, SortedStamps>();

  constructor(portal: Portal) {
    this.portal = portal;
  }

  get(type: ObjectType): SortedStamps {
    const hit = this.built.get(type);
    if (hit) return hit;
    if (type === 'companies') {
      const pairs: number[] = [];
      for (const c of this.portal.companies) pairs.push(Date.parse(c.updatedAt), Number(c.id));
      this.built.set(type, sortPairs(pairs));
    } else {
      const pairs = new Map<ChildType, number[]>(childTypes.map((t) => [t, []]));
      for (let i = 0; i < this.portal.companies.length; i++) {
        const children = this.portal.children(i);
        for (const t of childTypes) {
          const list = pairs.get(t) as number[];
          for (const r of children[t]) list.push(Date.parse(r.updatedAt), Number(r.id));
        }
      }
      for (const [t, list] of pairs) this.built.set(t, sortPairs(list));
    }
    return this.built.get(type) as SortedStamps;
  }
}

/** First position whose stamp is >= value (or > value when strict). */
export const lowerBound = (stamps: Float64Array, value: number, strict: boolean): number => {
  let lo = 0;
  let hi = stamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = stamps[mid] ?? 0;
    if (strict ? s <= value : s < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
