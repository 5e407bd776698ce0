import type { HubSpotObject } from '../hubspot/schemas.ts';
import { crmRepository } from '../store/crm-repository.ts';
import type { Queryable } from '../store/db.ts';
import type { ChildType } from './object-catalogue.ts';

/**
 * Types HubSpot links to the contact who answered rather than to the company (feedback submissions): they reach a
 * company through its contacts, as well as directly where HubSpot links them. The store keeps the resolved company
 * links, so a contact who later moves company takes their past answers along only at the next full sync.
 */
export const reachedThroughContacts: ReadonlySet<ChildType> = new Set<ChildType>(['feedback_submissions']);

export const contactIdsOf = (record: HubSpotObject): string[] =>
  [...new Set(record.associations?.contacts?.results.map((r) => r.id) ?? [])];

/** Each child's companies: its own links plus the companies the store links its contacts to. */
export const resolveThroughContacts = async (
  db: Queryable, portalId: number, direct: ReadonlyMap<string, readonly string[]>, contacts: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, string[]>> => {
  const companiesOfContact = await crmRepository(db).linksOf(portalId, 'contacts', [...new Set([...contacts.values()].flat())]);
  const resolved = new Map<string, string[]>();
  for (const id of new Set([...direct.keys(), ...contacts.keys()])) {
    const viaContacts = (contacts.get(id) ?? []).flatMap((contact) => companiesOfContact.get(contact) ?? []);
    resolved.set(id, [...new Set([...(direct.get(id) ?? []), ...viaContacts])].sort());
  }
  return resolved;
};
