import {
  childId, childTypes, createdIdBase, decodeId, type ChildType, type CrmRecord, type ObjectType, type Portal, type Properties,
} from '../generator/index.ts';
import { ARCHIVED, CONTACT_ONLY, GeneratedIndex } from './generated-index.ts';
import type { ChangeSource, HistoryEntry, StoreEvent } from './store-types.ts';

const key = (type: ObjectType, id: string): string => `${type}:${id}`;

export interface ScanPage { records: CrmRecord[]; nextAfter: string | null }

/** A child as associations see it: its id and links, without its properties. */
export interface ChildLink { id: string; contactId: string | null; contactOnly: boolean }
type LinkView = ChildLink & Pick<CrmRecord, 'archived' | 'companyId'>;

/**
 * One portal's live data: the generated portal underneath, an overlay of everything changed since. Generated
 * records are never mutated, so the portal can regenerate any company's children from its seed at any time.
 */
export class PortalStore {
  readonly portal: Portal;
  readonly portalId: number;
  private readonly clock: () => number;
  private readonly emit: (event: StoreEvent) => void;
  private readonly overrides = new Map<string, CrmRecord>();
  private readonly createdIds = new Map<ObjectType, string[]>();
  private readonly extraChildren = new Map<string, Map<ChildType, Set<string>>>();
  private readonly mergedInto = new Map<string, string>();
  private readonly history = new Map<string, Map<string, HistoryEntry[]>>();
  private readonly nextCreated = new Map<ObjectType, number>();
  private readonly touched = new Map<ObjectType, Set<string>>();
  /** Bumped by every change, so answers computed from the data can be kept until it changes. */
  version = 0;
  readonly generatedIndex: GeneratedIndex;

  constructor(portal: Portal, clock: () => number, emit: (event: StoreEvent) => void) {
    this.portal = portal;
    this.portalId = portal.portalId;
    this.clock = clock;
    this.emit = emit;
    this.generatedIndex = new GeneratedIndex(portal);
  }

  private generated(type: ObjectType, id: string): CrmRecord | undefined {
    const at = decodeId(type, id, this.portal.companies.length);
    if (!at) return undefined;
    if (type === 'companies') return this.portal.companies[at.companyIndex];
    return this.portal.children(at.companyIndex)[type][at.ordinal];
  }

  private current(type: ObjectType, record: CrmRecord): CrmRecord {
    return this.overrides.get(key(type, record.id)) ?? record;
  }

  /** The record as it is now (archived ones only when asked); a merged company's id answers with the survivor. */
  get(type: ObjectType, id: string, archived = false): CrmRecord | undefined {
    const resolved = type === 'companies' ? (this.mergedInto.get(id) ?? id) : id;
    const record = this.overrides.get(key(type, resolved)) ?? this.generated(type, resolved);
    return record && record.archived === archived ? record : undefined;
  }

  /** Records of a type in id order after the cursor (the last id returned), HubSpot's list paging. */
  page(type: ObjectType, after: string | null, limit: number, archived = false): ScanPage {
    const records: CrmRecord[] = [];
    let more = false;
    for (const record of this.scan(type, after)) {
      if (record.archived !== archived) continue;
      if (records.length === limit) {
        more = true;
        break;
      }
      records.push(record);
    }
    return { records, nextAfter: more ? (records[records.length - 1]?.id ?? null) : null };
  }

  *scan(type: ObjectType, after: string | null = null): Generator<CrmRecord> {
    const afterNum = after === null ? -1 : Number(after);
    const count = this.portal.companies.length;
    const createdFrom = createdIdBase(type);
    if (afterNum < createdFrom) {
      const start = after === null ? 0 : (decodeId(type, after, count)?.companyIndex ?? 0);
      for (let i = start; i < count; i++) {
        const batch: readonly CrmRecord[] = type === 'companies' ? [this.portal.companies[i] as CrmRecord] : this.portal.children(i)[type];
        for (const record of batch) if (Number(record.id) > afterNum) yield this.current(type, record);
      }
    }
    for (const id of this.createdIds.get(type) ?? []) {
      const record = this.overrides.get(key(type, id));
      if (record && Number(id) > afterNum) yield record;
    }
  }

  /**
   * How many records of a type are not archived. A sync asks this once per type, and answering it by scanning built
   * every company's children again for each type (5 s per type at M, minutes at XL), so the emulator, not the client,
   * set the pace. Generated records never change, so they are counted in one pass and the overlay is applied on top.
   */
  liveCount(type: ObjectType): number {
    const generated = this.generatedIndex.liveCount(type);
    let delta = this.createdIds.get(type)?.filter((id) => this.overrides.get(key(type, id))?.archived === false).length ?? 0;
    for (const id of this.touchedIds(type)) {
      const before = this.generated(type, id);
      const now = this.overrides.get(key(type, id));
      if (before && now && before.archived !== now.archived) delta += now.archived ? -1 : 1;
    }
    return generated + delta;
  }

  /** The live children of a company, following merges and objects created since generation. */
  childrenOf(companyId: string, type: ChildType): CrmRecord[] {
    return this.linkedChildren(companyId, type).map((link) => this.get(type, link.id) as CrmRecord);
  }

  /**
   * The same children as childrenOf with their links only: generated ones are read off the generated index, so
   * answering a company's associations builds no records (the sync asks for 1,000 companies' at a time).
   */
  linkedChildren(companyId: string, type: ChildType): ChildLink[] {
    const seen = new Set<string>();
    const out: ChildLink[] = [];
    const consider = (view: LinkView | undefined) => {
      if (!view || seen.has(view.id)) return;
      seen.add(view.id);
      if (!view.archived && view.companyId === companyId) out.push({ id: view.id, contactId: view.contactId, contactOnly: view.contactOnly });
    };
    const asView = (record: CrmRecord | undefined): LinkView | undefined =>
      record && { id: record.id, companyId: record.companyId, archived: record.archived, contactId: record.contactId, contactOnly: record.contactOnly === true };
    const index = this.portal.companyIndex(companyId);
    if (index !== undefined) {
      const { offsets, contactOrdinal, flags } = this.generatedIndex.links(type);
      const generatedCompany = this.portal.companies[index]?.id ?? null;
      for (let at = offsets[index] ?? 0, ordinal = 0; at < (offsets[index + 1] ?? 0); at++, ordinal++) {
        const id = childId(type, index, ordinal);
        const overridden = this.overrides.get(key(type, id));
        const contact = contactOrdinal[at] ?? -1;
        const flag = flags[at] ?? 0;
        consider(overridden ? asView(overridden) : {
          id, companyId: generatedCompany, archived: (flag & ARCHIVED) !== 0, contactOnly: (flag & CONTACT_ONLY) !== 0,
          contactId: contact < 0 ? null : childId('contacts', index, contact),
        });
      }
    }
    for (const id of this.extraChildren.get(companyId)?.get(type) ?? []) consider(asView(this.get(type, id)));
    return out.sort((a, b) => Number(a.id) - Number(b.id));
  }

  private linkChild(companyId: string, type: ChildType, id: string): void {
    const byType = this.extraChildren.get(companyId) ?? new Map<ChildType, Set<string>>();
    this.extraChildren.set(companyId, byType);
    const ids = byType.get(type) ?? new Set<string>();
    byType.set(type, ids);
    ids.add(id);
  }

  private put(type: ObjectType, record: CrmRecord): void {
    this.version += 1;
    this.overrides.set(key(type, record.id), record);
    const ids = this.touched.get(type) ?? new Set<string>();
    this.touched.set(type, ids);
    ids.add(record.id);
  }

  /** Ids of a type changed or created since generation: they no longer match the generated modification index. */
  touchedIds(type: ObjectType): ReadonlySet<string> {
    return this.touched.get(type) ?? new Set<string>();
  }

  /** The record as generated, ignoring later changes. */
  original(type: ObjectType, id: string): CrmRecord | undefined {
    return this.generated(type, id);
  }

  /** The live version of a changed or created record, archived or not. */
  touchedRecord(type: ObjectType, id: string): CrmRecord | undefined {
    return this.overrides.get(key(type, id));
  }

  private stampNow(): string {
    return new Date(this.clock()).toISOString();
  }

  private record(type: ObjectType, id: string, history: Map<string, HistoryEntry[]>, name: string, entry: HistoryEntry): void {
    const list = history.get(name) ?? [];
    list.unshift(entry);
    history.set(name, list);
    this.history.set(key(type, id), history);
  }

  historyOf(type: ObjectType, id: string, name: string): HistoryEntry[] {
    const record = this.get(type, id);
    const changes = this.history.get(key(type, id))?.get(name) ?? [];
    const original = record ? this.generated(type, id)?.properties[name] : undefined;
    const first = original === undefined || original === null
      ? []
      : [{ value: original, timestamp: this.generated(type, id)?.updatedAt ?? '', sourceType: 'CRM_UI', sourceId: null }];
    return [...changes, ...first];
  }

  /** Writes properties; only values that really change produce history and propertyChange events. */
  update(type: ObjectType, id: string, props: Properties, source: ChangeSource): CrmRecord | undefined {
    const before = this.get(type, id);
    if (!before) return undefined;
    const timestamp = this.stampNow();
    const changed = Object.entries(props).filter(([name, value]) => (before.properties[name] ?? null) !== value);
    if (changed.length === 0) return before;
    const after: CrmRecord = {
      ...before, updatedAt: timestamp,
      properties: { ...before.properties, ...Object.fromEntries(changed), hs_lastmodifieddate: timestamp },
    };
    this.put(type, after);
    const history = this.history.get(key(type, before.id)) ?? new Map<string, HistoryEntry[]>();
    for (const [name, value] of changed) {
      this.record(type, before.id, history, name, { value, timestamp, sourceType: source.changeSource, sourceId: source.sourceId });
      this.emit({ kind: 'propertyChange', type, id: before.id, name, value, source });
    }
    return after;
  }

  create(type: ObjectType, props: Properties, links: { companyId?: string | null; contactId?: string | null }, source: ChangeSource): CrmRecord {
    const ordinal = this.nextCreated.get(type) ?? 0;
    this.nextCreated.set(type, ordinal + 1);
    const id = String(createdIdBase(type) + ordinal);
    const timestamp = this.stampNow();
    const record: CrmRecord = {
      id, createdAt: timestamp, updatedAt: timestamp, archived: false, companyId: links.companyId ?? null, contactId: links.contactId ?? null,
      properties: { ...props, hs_object_id: id, createdate: timestamp, hs_createdate: timestamp, hs_lastmodifieddate: timestamp },
    };
    this.put(type, record);
    this.createdIds.set(type, [...(this.createdIds.get(type) ?? []), id]);
    this.emit({ kind: 'creation', type, id, source });
    if (type !== 'companies' && record.companyId) {
      this.linkChild(record.companyId, type, id);
      this.emit({ kind: 'associationChange', fromType: type, fromId: id, toType: 'companies', toId: record.companyId, removed: false, source });
    }
    return record;
  }

  archive(type: ObjectType, id: string, source: ChangeSource): boolean {
    const before = this.get(type, id);
    if (!before) return false;
    const timestamp = this.stampNow();
    this.put(type, { ...before, archived: true, updatedAt: timestamp, properties: { ...before.properties, hs_lastmodifieddate: timestamp } });
    this.emit({ kind: 'deletion', type, id: before.id, source });
    return true;
  }

  restore(type: ObjectType, id: string, source: ChangeSource): boolean {
    const before = this.get(type, id, true);
    if (!before) return false;
    const timestamp = this.stampNow();
    this.put(type, { ...before, archived: false, updatedAt: timestamp, properties: { ...before.properties, hs_lastmodifieddate: timestamp } });
    this.emit({ kind: 'restore', type, id, source });
    return true;
  }

  /** HubSpot's merge: the merged company disappears, its children move to the primary, its id resolves to it. */
  mergeCompanies(primaryId: string, mergedId: string, source: ChangeSource): CrmRecord | undefined {
    const primary = this.get('companies', primaryId);
    const merged = this.get('companies', mergedId);
    if (!primary || !merged || primary.id === merged.id) return undefined;
    for (const type of childTypes) {
      for (const child of this.childrenOf(merged.id, type)) {
        this.put(type, { ...child, companyId: primary.id, properties: { ...child.properties, ...(type === 'contacts' ? { associatedcompanyid: primary.id } : {}) } });
        this.linkChild(primary.id, type, child.id);
      }
    }
    const timestamp = this.stampNow();
    this.put('companies', { ...merged, archived: true, updatedAt: timestamp, properties: { ...merged.properties, hs_lastmodifieddate: timestamp } });
    this.mergedInto.set(merged.id, primary.id);
    const mergedIds = [primary.properties.hs_merged_object_ids, merged.id, merged.properties.hs_merged_object_ids].filter((v) => v).join(';');
    const survivor: CrmRecord = { ...primary, updatedAt: timestamp, properties: { ...primary.properties, hs_merged_object_ids: mergedIds, hs_lastmodifieddate: timestamp } };
    this.put('companies', survivor);
    this.emit({ kind: 'merge', type: 'companies', primaryId: primary.id, mergedId: merged.id, source });
    return survivor;
  }

  /** Re-points a child to another company (or to none). */
  reassociate(type: ChildType, id: string, companyId: string | null, source: ChangeSource): CrmRecord | undefined {
    const before = this.get(type, id);
    if (!before) return undefined;
    const after: CrmRecord = { ...before, companyId };
    this.put(type, after);
    if (before.companyId) this.emit({ kind: 'associationChange', fromType: type, fromId: id, toType: 'companies', toId: before.companyId, removed: true, source });
    if (companyId) {
      this.linkChild(companyId, type, id);
      this.emit({ kind: 'associationChange', fromType: type, fromId: id, toType: 'companies', toId: companyId, removed: false, source });
    }
    return after;
  }
}
