import { ASSOCIATIONS_BATCH_MAX } from '../hubspot/associations.ts';
import { chunksOf } from '../hubspot/chunks.ts';
import { BATCH_MAX } from '../hubspot/objects.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import { crmRepository } from '../store/crm-repository.ts';
import type { Session } from '../store/db.ts';
import { noteContactLinks } from './contact-departures.ts';
import { reachedThroughContacts } from './contact-links.ts';
import { enterPhase, phaseAfter, type FullCursor } from './full-sync-cursor.ts';
import { PAGES_AHEAD, type PhaseContext } from './full-sync-context.ts';
import { runCustomers } from './full-sync-phases.ts';
import type { ChildType } from './object-catalogue.ts';
import { readsAhead, started, type Started } from './read-ahead.ts';
import { toRecordInput } from './sync-deps.ts';

/** One step of the strategy, in the order its checkpoints follow: a chunk's links, its objects page by page, its end. */
type Step =
  | { kind: 'links'; chunk: number; byCompany: Map<string, string[]> }
  | { kind: 'objects'; chunk: number; ids: string[]; results: HubSpotObject[] }
  | { kind: 'chunkDone'; chunk: number }
  | { kind: 'phaseDone' };

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
 * The chunk's children once its links are stored, as the store would list them (`linkedChildIds`): the links just
 * read, plus the stored ones of companies whose links could not be read (they keep theirs). HubSpot ids are digits,
 * which sort alike in JavaScript and in either store's collation, so a resumed run's keyset continues this order.
 */
const childrenOf = async (context: PhaseContext, type: ChildType, companyIds: readonly string[], byCompany: ReadonlyMap<string, readonly string[]>): Promise<string[]> => {
  const kept = companyIds.filter((id) => !byCompany.has(id));
  const stored = kept.length === 0 ? [] : await crmRepository(context.db).linkedChildIds(context.portalId, type, kept, '', null);
  return [...new Set([...[...byCompany.values()].flat(), ...stored])].sort();
};

/**
 * Steps from the cursor on. Each chunk's objects are read as soon as its links have arrived (the ids come from the
 * links in hand, not from the store), and the next chunk's links while its objects are still being read, so the
 * reads never wait for a chunk's writes. A run resumed inside a chunk whose links it stored takes the rest from the
 * store, after the checkpoint's last id.
 */
async function* steps(context: PhaseContext, type: ChildType, chunks: readonly string[][]): AsyncGenerator<Started<Step>> {
  const { client, portalId } = context;
  const from = context.cursor();
  for (let chunk = from.chunk; chunk < chunks.length; chunk += 1) {
    const companyIds = chunks[chunk] as string[];
    let childIds: string[];
    if (chunk === from.chunk && from.chunkLinksRead) {
      childIds = await crmRepository(context.db).linkedChildIds(portalId, type, companyIds, from.lastChildId, null);
    } else {
      const links = await client.batchReadAssociations('companies', type, companyIds);
      // A company whose links could not be read keeps the links it had; the next full sync reads them again.
      for (const failure of links.failed) links.byId.delete(failure.id);
      if (reachedThroughContacts.has(type)) await addContactsChildren(context, type, companyIds, links.byId);
      yield started(Promise.resolve<Step>({ kind: 'links', chunk, byCompany: links.byId }));
      childIds = await childrenOf(context, type, companyIds, links.byId);
    }
    for (const ids of chunksOf(childIds, BATCH_MAX)) {
      yield started(client.batchRead(type, ids, context.settings.childProperties[type]).then((read): Step => ({ kind: 'objects', chunk, ids, results: read.results })));
    }
    yield started(Promise.resolve<Step>({ kind: 'chunkDone', chunk }));
  }
  yield started(Promise.resolve<Step>({ kind: 'phaseDone' }));
}

/** Where the cursor stands once a step is committed. */
const cursorAfter = (type: ChildType, step: Step): Partial<FullCursor> => {
  switch (step.kind) {
    case 'links': return { chunk: step.chunk, chunkLinksRead: true, lastChildId: '' };
    case 'objects': return { chunk: step.chunk, chunkLinksRead: true, lastChildId: step.ids.at(-1) ?? '' };
    case 'chunkDone': return { chunk: step.chunk + 1, chunkLinksRead: false, lastChildId: '' };
    case 'phaseDone': return enterPhase(phaseAfter(type));
  }
};

/**
 * Customers' links first (1,000 companies a call, stored with their checkpoint), then only the linked objects in
 * id order, 100 a call: the stored links make the id keyset the resumable cursor. The steps that arrived while the
 * last ones were written commit together: their links (chunks hold distinct companies) and their objects each in
 * one statement, with the cursor after the last step.
 */
export const syncAssociationsStrategy = async (context: PhaseContext, type: ChildType): Promise<void> => {
  const { portalId } = context;
  const chunks = chunksOf(await runCustomers(context), ASSOCIATIONS_BATCH_MAX);
  for await (const batch of readsAhead(steps(context, type, chunks), PAGES_AHEAD)) {
    const links = new Map<string, string[]>();
    const records: HubSpotObject[] = [];
    let linked = 0;
    let pages = 0;
    for (const step of batch) {
      if (step.kind === 'links') for (const [company, children] of step.byCompany) links.set(company, children);
      if (step.kind === 'objects') {
        records.push(...step.results);
        linked += step.ids.length;
      }
      if (step.kind === 'links' || step.kind === 'objects') pages += 1;
    }
    const plan = context.cursor().plan?.map((p) => (p.type === type ? { ...p, linked: (p.linked ?? 0) + linked } : p)) ?? null;
    const next = { ...cursorAfter(type, batch.at(-1) as Step), plan };
    await context.commit({ objectType: type, records, pages }, next, async (tx) => {
      if (type === 'contacts') await noteCompaniesContacts(tx, portalId, links);
      await crmRepository(tx).replaceCompanyLinks(portalId, type, links, { soleWriter: context.db.kind === 'pglite' });
      await crmRepository(tx).writeObjects(portalId, type, records.map(toRecordInput));
    });
  }
};
