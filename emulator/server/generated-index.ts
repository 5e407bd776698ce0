import { childTypes, decodeId, type ChildType, type ObjectType, type Portal } from '../generator/index.ts';

export interface SortedStamps { stamps: Float64Array; ids: Float64Array }

/**
 * The generated children of one type as associations see them, without their properties: company i's children
 * are positions offsets[i] to offsets[i + 1] in ordinal order, each with its contact's ordinal among that company's
 * contacts (-1 for none) and whether it is linked to the company only through a contact or archived.
 */
export interface ChildLinks { offsets: Uint32Array; contactOrdinal: Int16Array; flags: Uint8Array }
export const CONTACT_ONLY = 1;
export const ARCHIVED = 2;

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

interface ChildFigures { stamps: SortedStamps; live: number; links: ChildLinks }

/**
 * What answers about generated records need besides their properties: hs_lastmodifieddate sorted (incremental
 * sync's search), live counts (a sync's first searches) and child links (associations). Generated records never
 * change, so all of it comes from one pass over every company's children, kept for the life of the portal. Before,
 * each of these regenerated children on its own and associations on every request: at XL, with 100,000 companies
 * beyond any cache, the emulator spent more CPU rebuilding children (and collecting them) than the sync it served.
 */
export class GeneratedIndex {
  private readonly portal: Portal;
  private companies: { stamps: SortedStamps; live: number } | undefined;
  private children: Map<ChildType, ChildFigures> | undefined;

  constructor(portal: Portal) {
    this.portal = portal;
  }

  stamps(type: ObjectType): SortedStamps {
    return type === 'companies' ? this.companyFigures().stamps : this.childFigures(type).stamps;
  }

  /** Generated records of the type that are not archived. */
  liveCount(type: ObjectType): number {
    return type === 'companies' ? this.companyFigures().live : this.childFigures(type).live;
  }

  links(type: ChildType): ChildLinks {
    return this.childFigures(type).links;
  }

  private companyFigures(): { stamps: SortedStamps; live: number } {
    if (this.companies) return this.companies;
    const pairs: number[] = [];
    for (const c of this.portal.companies) pairs.push(Date.parse(c.updatedAt), Number(c.id));
    this.companies = { stamps: sortPairs(pairs), live: this.portal.companies.filter((c) => !c.archived).length };
    return this.companies;
  }

  private childFigures(type: ChildType): ChildFigures {
    this.children ??= this.buildChildren();
    return this.children.get(type) as ChildFigures;
  }

  private buildChildren(): Map<ChildType, ChildFigures> {
    const count = this.portal.companies.length;
    const acc = new Map(childTypes.map((t) => [t, { pairs: [] as number[], live: 0, offsets: new Uint32Array(count + 1), contact: [] as number[], flags: [] as number[] }]));
    for (let i = 0; i < count; i++) {
      const children = this.portal.children(i);
      for (const t of childTypes) {
        const a = acc.get(t) as NonNullable<ReturnType<typeof acc.get>>;
        for (const r of children[t]) {
          a.pairs.push(Date.parse(r.updatedAt), Number(r.id));
          if (!r.archived) a.live++;
          a.contact.push(r.contactId === null ? -1 : this.contactOrdinal(r.contactId, i));
          a.flags.push((r.contactOnly ? CONTACT_ONLY : 0) | (r.archived ? ARCHIVED : 0));
        }
        a.offsets[i + 1] = a.contact.length;
      }
    }
    return new Map([...acc].map(([t, a]) => [t, {
      stamps: sortPairs(a.pairs), live: a.live,
      links: { offsets: a.offsets, contactOrdinal: Int16Array.from(a.contact), flags: Uint8Array.from(a.flags) },
    }]));
  }

  /** A generated child's contact is always one of its own company's contacts; anything else would be lost here. */
  private contactOrdinal(contactId: string, companyIndex: number): number {
    const at = decodeId('contacts', contactId, this.portal.companies.length);
    if (!at || at.companyIndex !== companyIndex) throw new Error(`generated child of company ${companyIndex} names contact ${contactId} of another company`);
    return at.ordinal;
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
