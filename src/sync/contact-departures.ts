import { contactDeparturesRepository, type ContactLink, type DepartureSignal } from '../store/contact-departures-repository.ts';
import type { Queryable } from '../store/db.ts';

const pairs = (links: ReadonlyMap<string, readonly string[]>): ContactLink[] =>
  [...links].flatMap(([contactId, companies]) => companies.map((companyId) => ({ companyId, contactId })));

/**
 * Compares contacts' company links before and after a write: a link that is gone is a departure (the person left
 * the customer, as far as HubSpot shows it), a link present now clears any earlier departure from that company.
 */
export const noteContactLinks = async (
  tx: Queryable, portalId: number, before: ReadonlyMap<string, readonly string[]>, after: ReadonlyMap<string, readonly string[]>,
  signal: DepartureSignal = 'association_removed',
): Promise<void> => {
  const departures = contactDeparturesRepository(tx);
  const gone = [...before].flatMap(([contactId, companies]) => companies
    .filter((companyId) => !(after.get(contactId) ?? []).includes(companyId)).map((companyId) => ({ companyId, contactId })));
  await departures.record(portalId, gone, signal);
  await departures.clear(portalId, pairs(after));
};
