import type { ChildType, CrmRecord, ObjectType } from '../generator/index.ts';
import { associationLabel } from './associations-catalog.ts';
import type { PortalStore } from './portal-store.ts';
import type { PropertySchema } from './property-schema.ts';
import { defaultListProperties } from './property-catalog.ts';

export interface ShapeOptions {
  properties: readonly string[] | null;
  propertiesWithHistory?: readonly string[];
  associations?: readonly ObjectType[];
}

/** Ids of the objects of toType associated with a record, in HubSpot's "associations" order (by id). */
export const associatedIds = (store: PortalStore, type: ObjectType, record: CrmRecord, to: ObjectType): string[] => {
  if (type === to) return [];
  if (to === 'companies') return record.companyId && type !== 'companies' && !record.contactOnly ? [record.companyId] : [];
  if (type === 'companies') return store.linkedChildren(record.id, to as ChildType).filter((r) => !r.contactOnly).map((r) => r.id);
  if (to === 'contacts') return record.contactId && type !== 'contacts' ? [record.contactId] : [];
  if (type === 'contacts' && record.companyId) {
    return store.linkedChildren(record.companyId, to as ChildType).filter((r) => r.contactId === record.id).map((r) => r.id);
  }
  return [];
};

/** A record in HubSpot's object shape: only the asked-for properties (all strings or null), and timestamps. */
export const toHubSpot = (store: PortalStore, schema: PropertySchema, type: ObjectType, record: CrmRecord, options: ShapeOptions): Record<string, unknown> => {
  const names = options.properties?.length ? options.properties : defaultListProperties[type];
  const properties: Record<string, string | null> = {};
  for (const name of names) {
    if (name in record.properties) properties[name] = record.properties[name] ?? null;
    else if (schema.get(type, name)) properties[name] = null;
  }
  const out: Record<string, unknown> = { id: record.id, properties, createdAt: record.createdAt, updatedAt: record.updatedAt, archived: record.archived };
  if (record.archived) out.archivedAt = record.updatedAt;
  if (options.propertiesWithHistory?.length) {
    out.propertiesWithHistory = Object.fromEntries(options.propertiesWithHistory.map((name) => [name, store.historyOf(type, record.id, name)]));
  }
  if (options.associations?.length) {
    const associations: Record<string, unknown> = {};
    for (const to of options.associations) {
      const ids = associatedIds(store, type, record, to);
      if (ids.length > 0) associations[to] = { results: ids.map((id) => ({ id, type: associationLabel(type, to) })) };
    }
    if (Object.keys(associations).length > 0) out.associations = associations;
  }
  return out;
};
