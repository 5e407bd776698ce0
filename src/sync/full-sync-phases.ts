import { ASSOCIATIONS_BATCH_MAX } from '../hubspot/associations.ts';
import { chunksOf } from '../hubspot/chunks.ts';
import { BATCH_MAX } from '../hubspot/objects.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import { crmRepository } from '../store/crm-repository.ts';
import type { Session } from '../store/db.ts';
import { enterPhase, phaseAfter } from './full-sync-cursor.ts';
import { noteContactLinks } from './contact-departures.ts';
import { contactIdsOf, reachedThroughContacts, resolveThroughContacts } from './contact-links.ts';
import type { PhaseContext } from './full-sync-context.ts';
import type { ChildType } from './object-catalogue.ts';
import { readAhead, readsAhead } from './read-ahead.ts';
import { companyIdsOf, toRecordInput } from './sync-deps.ts';

/** HubSpot pages read ahead of the one being written: enough to keep the budget busy while a page commits. */
const PAGES_IN_FLIGHT = 3;

// Phases of a full sync. Each reads its paging state from the cursor, so it continues where a crash left it.

export const syncCompanies = async (context: PhaseContext): Promise<void> => {
  const { client, settings, portalId } = context;
  const filter = { propertyName: settings.customerFilter.property, operator: 'IN' as const, values: settings.customerFilter.values };
  const pages = client.searchModifiedSince('companies', { sinceMs: context.cursor().companiesSinceMs, properties: settings.companyProperties, filters: [filter] });
  for await (const page of readAhead(pages, PAGES_IN_FLIGHT)) {
    await context.commit('companies', page.results, { companiesSinceMs: page.lastModifiedMs }, async (tx) => {
      await crmRepository(tx).upsertObjects(portalId, 'companies', page.results.map(toRecordInput));
    });
  }
  await context.commit('companies', [], enterPhase(phaseAfter('companies')));
};

const runCustomers = (context: PhaseContext): Promise<string[]> =>
  crmRepository(context.db).companyIds(context.portalId, new Date(context.cursor().runStartedAt));

/** Every object of the type with its company links; only those linked to a customer of this run are kept. */
export const syncListStrategy = async (context: PhaseContext, type: ChildType): Promise<void> => {
  const { client, portalId } = context;
  const customers = new Set(await runCustomers(context));
  const viaContacts = reachedThroughContacts.has(type);
  const associations = viaContacts ? ['companies', 'contacts'] as const : ['companies'] as const;
  const pages = client.listObjects(type, { properties: context.settings.childProperties[type], associations, after: context.cursor().listAfter ?? undefined });
  for await (const page of readAhead(pages, PAGES_IN_FLIGHT)) {
    const kept: HubSpotObject[] = [];
    const links = new Map<string, string[]>();
    const resolved = await resolveThroughContacts(context.db, portalId, new Map(page.results.map((r) => [r.id, companyIdsOf(r)])),
      new Map(viaContacts ? page.results.map((r) => [r.id, contactIdsOf(r)]) : []));
    for (const record of page.results) {
      const companies = (resolved.get(record.id) ?? []).filter((id) => customers.has(id));
      if (companies.length === 0) continue;
      kept.push(record);
      links.set(record.id, companies);
    }
    const next = page.nextAfter === undefined ? enterPhase(phaseAfter(type)) : { listAfter: page.nextAfter };
    await context.commit(type, kept, next, async (tx) => {
      const crm = crmRepository(tx);
      const { stale } = await crm.upsertObjects(portalId, type, kept.map(toRecordInput));
      // A newer read (a webhook's, while this page was in flight) brought its own links with it.
      for (const id of stale) links.delete(id);
      if (type === 'contacts') await noteContactLinks(tx, portalId, await crm.linksOf(portalId, type, page.results.map((r) => r.id)), links);
      await crm.replaceChildLinks(portalId, type, links);
    });
  }
};

/** The same departures seen from the companies' side: each listed company's contacts before and after. */
const noteCompaniesContacts = async (tx: Session, portalId: number, byCompany: ReadonlyMap<string, readonly string[]>): Promise<void> => {
  const after = new Map<string, string[]>();
  for (const [company, contacts] of byCompany) for (const contact of contacts) after.set(contact, [...(after.get(contact) ?? []), company]);
  const before = await crmRepository(tx).companyLinksOfType(portalId, 'contacts', [...byCompany.keys()]);
  await noteContactLinks(tx, portalId, before, after);
};

/** Adds to each company the children its stored contacts are linked to (a survey answered by one of its people). */
const addContactsChildren = async (context: PhaseContext, type: ChildType, companyIds: readonly string[], byCompany: Map<string, string[]>): Promise<void> => {
  const contactLinks = await crmRepository(context.db).companyLinksOfType(context.portalId, 'contacts', companyIds);
  const read = await context.client.batchReadAssociations('contacts', type, [...contactLinks.keys()]);
  for (const failure of read.failed) read.byId.delete(failure.id);
  for (const [contact, children] of read.byId) {
    for (const company of contactLinks.get(contact) ?? []) {
      const own = byCompany.get(company);
      if (own) byCompany.set(company, [...new Set([...own, ...children])]);
    }
  }
};

/**
 * Customers' links first (1,000 companies a call, stored with their checkpoint), then only the linked objects in
 * id order, 100 a call: the stored links make the id keyset the resumable cursor.
 */
export const syncAssociationsStrategy = async (context: PhaseContext, type: ChildType): Promise<void> => {
  const { client, portalId } = context;
  const reader = crmRepository(context.db);
  const chunks = chunksOf(await runCustomers(context), ASSOCIATIONS_BATCH_MAX);
  while (context.cursor().phase === type) {
    const cursor = context.cursor();
    const companyIds = chunks[cursor.chunk];
    if (!companyIds) {
      await context.commit(type, [], enterPhase(phaseAfter(type)));
      return;
    }
    if (!cursor.chunkLinksRead) {
      const links = await client.batchReadAssociations('companies', type, companyIds);
      // A company whose links could not be read keeps the links it had; the next full sync reads them again.
      for (const failure of links.failed) links.byId.delete(failure.id);
      if (reachedThroughContacts.has(type)) await addContactsChildren(context, type, companyIds, links.byId);
      await context.commit(type, [], { chunkLinksRead: true, lastChildId: '' }, async (tx) => {
        if (type === 'contacts') await noteCompaniesContacts(tx, portalId, links.byId);
        await crmRepository(tx).replaceCompanyLinks(portalId, type, links.byId);
      });
      continue;
    }
    // The chunk's stored links are read once; the id keyset after the checkpoint is what remains to read.
    const remaining = chunksOf(await reader.linkedChildIds(portalId, type, companyIds, cursor.lastChildId, null), BATCH_MAX);
    const reads = readsAhead(remaining, (ids) => client.batchRead(type, ids, context.settings.childProperties[type]), PAGES_IN_FLIGHT);
    for await (const { input: ids, page: read } of reads) {
      const plan = context.cursor().plan?.map((p) => (p.type === type ? { ...p, linked: (p.linked ?? 0) + ids.length } : p)) ?? null;
      await context.commit(type, read.results, { lastChildId: ids.at(-1) ?? '', plan }, async (tx) => {
        await crmRepository(tx).upsertObjects(portalId, type, read.results.map(toRecordInput));
      });
    }
    await context.commit(type, [], { chunk: cursor.chunk + 1, chunkLinksRead: false, lastChildId: '' });
  }
};
