import type { HubSpotObject } from '../hubspot/schemas.ts';
import { crmRepository } from '../store/crm-repository.ts';
import { enterPhase, phaseAfter } from './full-sync-cursor.ts';
import { noteContactLinks } from './contact-departures.ts';
import { contactIdsOf, reachedThroughContacts, resolveThroughContacts } from './contact-links.ts';
import { PAGES_AHEAD, type PhaseContext } from './full-sync-context.ts';
import type { ChildType } from './object-catalogue.ts';
import { readAhead } from './read-ahead.ts';
import { companyIdsOf, toRecordInput } from './sync-deps.ts';

// Phases of a full sync. Each reads its paging state from the cursor, so it continues where a crash left it; each
// commit holds every page that arrived while the last one was written, with the checkpoint after the last of them.

export const syncCompanies = async (context: PhaseContext): Promise<void> => {
  const { client, settings, portalId } = context;
  const filter = { propertyName: settings.customerFilter.property, operator: 'IN' as const, values: settings.customerFilter.values };
  const pages = client.searchModifiedSince('companies', { sinceMs: context.cursor().companiesSinceMs, properties: settings.companyProperties, filters: [filter] });
  for await (const batch of readAhead(pages, PAGES_AHEAD)) {
    const records = batch.flatMap((page) => page.results);
    await context.commit({ objectType: 'companies', records, pages: batch.length }, { companiesSinceMs: batch.at(-1)?.lastModifiedMs }, async (tx) => {
      await crmRepository(tx).writeObjects(portalId, 'companies', records.map(toRecordInput));
    });
  }
  await context.commit({ objectType: 'companies', records: [], pages: 0 }, enterPhase(phaseAfter('companies')));
};

export const runCustomers = (context: PhaseContext): Promise<string[]> =>
  crmRepository(context.db).companyIds(context.portalId, new Date(context.cursor().runStartedAt));

/** Every object of the type with its company links; only those linked to a customer of this run are kept. */
export const syncListStrategy = async (context: PhaseContext, type: ChildType): Promise<void> => {
  const { client, portalId } = context;
  const customers = new Set(await runCustomers(context));
  const viaContacts = reachedThroughContacts.has(type);
  const associations = viaContacts ? ['companies', 'contacts'] as const : ['companies'] as const;
  const pages = client.listObjects(type, { properties: context.settings.childProperties[type], associations, after: context.cursor().listAfter ?? undefined });
  for await (const batch of readAhead(pages, PAGES_AHEAD)) {
    const results = batch.flatMap((page) => page.results);
    const kept: HubSpotObject[] = [];
    const links = new Map<string, string[]>();
    const resolved = await resolveThroughContacts(context.db, portalId, new Map(results.map((r) => [r.id, companyIdsOf(r)])),
      new Map(viaContacts ? results.map((r) => [r.id, contactIdsOf(r)]) : []));
    for (const record of results) {
      const companies = (resolved.get(record.id) ?? []).filter((id) => customers.has(id));
      if (companies.length === 0) continue;
      kept.push(record);
      links.set(record.id, companies);
    }
    const after = batch.at(-1)?.nextAfter;
    const next = after === undefined ? enterPhase(phaseAfter(type)) : { listAfter: after };
    await context.commit({ objectType: type, records: kept, pages: batch.length }, next, async (tx) => {
      const crm = crmRepository(tx);
      const { stale } = await crm.upsertObjects(portalId, type, kept.map(toRecordInput));
      // A newer read (a webhook's, while this page was in flight) brought its own links with it.
      for (const id of stale) links.delete(id);
      if (type === 'contacts') await noteContactLinks(tx, portalId, await crm.linksOf(portalId, type, results.map((r) => r.id)), links);
      await crm.replaceChildLinks(portalId, type, links, { soleWriter: context.db.kind === 'pglite' });
    });
  }
};
