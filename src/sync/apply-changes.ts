import type { PortalClient } from '../hubspot/client.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import { COMPANIES, crmRepository } from '../store/crm-repository.ts';
import type { Queryable } from '../store/db.ts';
import { childTypes, isCustomer, type ChildType, type SyncSettings } from './object-catalogue.ts';
import { contactDeparturesRepository } from '../store/contact-departures-repository.ts';
import { noteContactLinks } from './contact-departures.ts';
import { reachedThroughContacts, resolveThroughContacts } from './contact-links.ts';
import { toRecordInput } from './sync-deps.ts';

// Changes found by the incremental job or by webhooks, applied the same way. Network reads happen first
// (fetch*), then one transaction writes them (write*), so a crash never leaves half a change.

export interface FetchedChildren {
  type: ChildType;
  records: HubSpotObject[];
  /** Each record's companies, as HubSpot says now. */
  links: Map<string, string[]>;
  /** Each record's contacts, for types that reach a company through them (resolved against the store on write). */
  contacts?: Map<string, string[]>;
}

/** Merged-away ids HubSpot lists on the survivor: the store drops them. */
export const mergedAway = (records: readonly HubSpotObject[]): string[] =>
  records.flatMap((r) => (r.properties.hs_merged_object_ids ?? '').split(';').map((id) => id.trim()).filter((id) => id !== '' && id !== r.id));

export const fetchChildLinks = async (client: PortalClient, type: ChildType, records: HubSpotObject[]): Promise<FetchedChildren> => {
  if (records.length === 0) return { type, records, links: new Map() };
  const links = await client.batchReadAssociations(type, COMPANIES, records.map((r) => r.id));
  const contacts = reachedThroughContacts.has(type) ? await client.batchReadAssociations(type, 'contacts', records.map((r) => r.id)) : null;
  // An object whose links could not be read is left as the store has it rather than guessed at.
  const failed = new Set([...links.failed, ...(contacts?.failed ?? [])].map((f) => f.id));
  return { type, records: records.filter((r) => !failed.has(r.id)), links: links.byId, ...(contacts ? { contacts: contacts.byId } : {}) };
};

/** Everything attached to companies that just became customers (their history predates the watermark). */
export const fetchCompanyHistory = async (client: PortalClient, settings: SyncSettings, companyIds: readonly string[]): Promise<FetchedChildren[]> => {
  if (companyIds.length === 0) return [];
  const fetched: FetchedChildren[] = [];
  let contactsOf = new Map<string, string[]>();
  for (const type of childTypes) {
    const read = await client.batchReadAssociations(COMPANIES, type, companyIds);
    const links = new Map<string, string[]>();
    const add = (child: string, company: string) => links.set(child, [...new Set([...(links.get(child) ?? []), company])]);
    for (const [company, children] of read.byId) for (const child of children) add(child, company);
    if (type === 'contacts') contactsOf = links;
    if (reachedThroughContacts.has(type) && contactsOf.size > 0) {
      // Contacts come first in childTypes, so their companies are known here.
      const viaContacts = await client.batchReadAssociations('contacts', type, [...contactsOf.keys()]);
      for (const [contact, children] of viaContacts.byId) for (const child of children) (contactsOf.get(contact) ?? []).forEach((company) => add(child, company));
    }
    if (links.size === 0) continue;
    const records = await client.batchRead(type, [...links.keys()], settings.childProperties[type]);
    fetched.push({ type, records: records.results, links });
  }
  return fetched;
};

/** Removes companies with everything linked only to them. */
export const removeCompanies = async (tx: Queryable, portalId: number, companyIds: readonly string[]): Promise<void> => {
  const crm = crmRepository(tx);
  const children = await crm.childrenOnlyLinkedTo(portalId, companyIds);
  for (const type of new Set(children.map((c) => c.type))) {
    await crm.deleteObjects(portalId, type, children.filter((c) => c.type === type).map((c) => c.id));
  }
  await crm.deleteObjects(portalId, COMPANIES, companyIds);
  await contactDeparturesRepository(tx).forgetCompanies(portalId, companyIds);
};

export interface CompanyChanges {
  changed: string[];
  entered: string[];
  left: string[];
}

/** Customers are upserted; companies that left the customer filter leave the store with their history. */
export const writeCompanies = async (tx: Queryable, portalId: number, settings: SyncSettings, records: readonly HubSpotObject[]): Promise<CompanyChanges> => {
  const crm = crmRepository(tx);
  const held = await crm.existing(portalId, COMPANIES, [...records.map((r) => r.id), ...mergedAway(records)]);
  const customers = records.filter((r) => isCustomer(settings, r.properties));
  const left = [...new Set([...records.filter((r) => !isCustomer(settings, r.properties)).map((r) => r.id), ...mergedAway(records)])].filter((id) => held.has(id));
  const { changed } = await crm.upsertObjects(portalId, COMPANIES, customers.map(toRecordInput));
  await removeCompanies(tx, portalId, left);
  return { changed, entered: customers.filter((r) => !held.has(r.id)).map((r) => r.id), left };
};

/**
 * Children linked to at least one held customer are upserted with those links; children linked to none leave the
 * store. 'add' keeps links the store already has (a backfill sees one company's side only). Returns affected companies.
 */
export const writeChildren = async (tx: Queryable, portalId: number, fetched: FetchedChildren, mode: 'replace' | 'add'): Promise<string[]> => {
  const crm = crmRepository(tx);
  const { type, records } = fetched;
  const links = fetched.contacts ? await resolveThroughContacts(tx, portalId, fetched.links, fetched.contacts) : fetched.links;
  const customers = await crm.existing(portalId, COMPANIES, [...new Set([...links.values()].flat())]);
  const kept = new Map<string, string[]>();
  const dropped: string[] = [...mergedAway(records)];
  for (const record of records) {
    const companies = (links.get(record.id) ?? []).filter((id) => customers.has(id));
    if (companies.length > 0) kept.set(record.id, companies);
    else if (mode === 'replace') dropped.push(record.id);
  }
  const upserted = records.filter((r) => kept.has(r.id));
  const written = await crm.upsertObjects(portalId, type, upserted.map(toRecordInput));
  const changed = new Set(written.changed);
  // Links read with a stale record are as old as it is: the store keeps the newer read's links.
  for (const id of written.stale) kept.delete(id);
  const before = await crm.linksOf(portalId, type, [...kept.keys()]);
  if (type === 'contacts') {
    // Contacts HubSpot still has: a company link gone from them is a departure; a merged-away contact is not one.
    const skipped = new Set([...mergedAway(records), ...written.stale]);
    const seen = records.map((r) => r.id).filter((id) => !skipped.has(id));
    await noteContactLinks(tx, portalId, mode === 'replace' ? await crm.linksOf(portalId, type, seen) : new Map(), kept);
  }
  if (mode === 'replace') await crm.replaceChildLinks(portalId, type, kept);
  else await crm.insertLinks(portalId, type, [...kept].flatMap(([child, companies]) => companies.map((company) => ({ child, company }))));
  const affected = new Set(await crm.deleteObjects(portalId, type, dropped));
  for (const [child, companies] of kept) {
    const previous = before.get(child) ?? [];
    const relinked = mode === 'replace' ? previous.join() !== [...companies].sort().join() : companies.some((c) => !previous.includes(c));
    if (changed.has(child) || relinked) [...previous, ...companies].forEach((c) => affected.add(c));
  }
  return [...affected];
};
