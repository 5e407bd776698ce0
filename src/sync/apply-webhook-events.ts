import type { CrmObjectType } from '../hubspot/api-version.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import { portalLogger } from '../shared/logger.ts';
import { COMPANIES, crmRepository } from '../store/crm-repository.ts';
import { contactDeparturesRepository } from '../store/contact-departures-repository.ts';
import type { Session } from '../store/db.ts';
import { webhookEventsRepository } from '../store/webhook-events-repository.ts';
import { fetchChildLinks, fetchCompanyHistory, removeCompanies, writeChildren, writeCompanies, type FetchedChildren } from './apply-changes.ts';
import { noteContactLinks } from './contact-departures.ts';
import { isChildType, isCustomer } from './object-catalogue.ts';
import { stillHeld, type SyncDeps } from './sync-deps.ts';
import { actionFor, webhookEventSchema, type EventAction } from './webhook-events.ts';

export interface ProcessWebhooksDeps extends SyncDeps {
  /** HubSpot told us the app was uninstalled from the portal (the install lifecycle owns what that means). */
  onUninstall?(portalId: number): Promise<void>;
}

export interface ProcessWebhooksResult {
  processed: number;
  changedCompanies: string[];
}

const BATCH = 500;

const actionsOf = (events: ReadonlyArray<{ payload: unknown }>): EventAction[] => events.map((event) => {
  const parsed = webhookEventSchema.safeParse(event.payload);
  if (!parsed.success) return { kind: 'ignore', reason: 'unreadable payload' };
  const action = actionFor(parsed.data);
  // An association change says nothing certain about the other links: the child is read again with all of them.
  return action.kind === 'link' ? { kind: 'refetch', type: action.childType, id: action.childId } : action;
});

const idsByType = (actions: readonly EventAction[], kinds: ReadonlyArray<EventAction['kind']>): Map<CrmObjectType, Set<string>> => {
  const byType = new Map<CrmObjectType, Set<string>>();
  for (const action of actions) {
    if (!kinds.includes(action.kind) || !('type' in action)) continue;
    byType.set(action.type, (byType.get(action.type) ?? new Set()).add(action.id));
  }
  return byType;
};

/**
 * Applies stored webhook events oldest first: re-reads the changed records through the door (batch reads), then
 * writes them and marks their events processed in one transaction, so an event is applied once or, after a crash
 * mid-way, again with the same result.
 */
export const processWebhookEvents = async (deps: ProcessWebhooksDeps, portalId: number): Promise<ProcessWebhooksResult> => {
  const logger = portalLogger(deps.logger, portalId);
  const client = deps.hubspot.forPortal(portalId);
  const settings = await deps.settingsFor(portalId);
  const events = webhookEventsRepository(deps.db);
  const affected = new Set<string>();
  let processed = 0;
  for (;;) {
    const batch = await events.unprocessed(portalId, BATCH);
    if (batch.length === 0) break;
    const actions = actionsOf(batch);
    if (actions.some((a) => a.kind === 'uninstall')) await deps.onUninstall?.(portalId);

    const gone = idsByType(actions, ['delete']);
    // A privacy deletion wins over any other event about the contact in the same batch: it is never read back.
    const forgotten = new Set(actions.flatMap((a) => (a.kind === 'privacy-delete' ? [a.contactId] : [])));
    const toRead = idsByType(actions, ['refetch', 'merge']);
    const merged = new Set(actions.flatMap((a) => (a.kind === 'merge' ? a.mergedIds : [])));
    forgotten.forEach((id) => toRead.get('contacts')?.delete(id));
    const companies: HubSpotObject[] = [];
    const children: FetchedChildren[] = [];
    for (const [type, ids] of toRead) {
      if (ids.size === 0) continue;
      const properties = isChildType(type) ? settings.childProperties[type] : settings.companyProperties;
      const read = await client.batchRead(type, [...ids], properties);
      for (const failure of read.failed.filter((f) => f.code === 'HUBSPOT_NOT_FOUND')) gone.set(type, (gone.get(type) ?? new Set()).add(failure.id));
      if (isChildType(type)) children.push(await fetchChildLinks(client, type, read.results));
      else companies.push(...read.results);
    }
    const crm = crmRepository(deps.db);
    const held = await crm.existing(portalId, COMPANIES, companies.map((c) => c.id));
    // A merge moves the merged company's records to the survivor, so the survivor's history is read again in full.
    const survivors = new Set(actions.flatMap((a) => (a.kind === 'merge' && a.type === COMPANIES ? [a.id] : [])));
    const history = await fetchCompanyHistory(client, settings, companies
      .filter((c) => isCustomer(settings, c.properties) && (!held.has(c.id) || survivors.has(c.id))).map((c) => c.id));

    await deps.db.transaction(async (tx: Session) => {
      const store = crmRepository(tx);
      for (const action of actions) {
        if (action.kind === 'privacy-delete') {
          await store.deleteObjects(portalId, 'contacts', [action.contactId]);
          await contactDeparturesRepository(tx).forgetContact(portalId, action.contactId);
          await webhookEventsRepository(tx).deleteAboutContact(portalId, action.contactId);
        }
        if (action.kind === 'merge') gone.set(action.type, new Set([...(gone.get(action.type) ?? []), ...action.mergedIds]));
      }
      // An archived contact has left its companies; one merged into another contact has not.
      const archivedContacts = [...(gone.get('contacts') ?? [])].filter((id) => !merged.has(id) && !forgotten.has(id));
      await noteContactLinks(tx, portalId, await store.linksOf(portalId, 'contacts', archivedContacts), new Map(), 'archived');
      for (const [type, ids] of gone) {
        if (type === COMPANIES) await removeCompanies(tx, portalId, [...ids]);
        else (await store.deleteObjects(portalId, type, [...ids])).forEach((id) => affected.add(id));
      }
      const companyChanges = await writeCompanies(tx, portalId, settings, companies);
      companyChanges.changed.forEach((id) => affected.add(id));
      for (const fetched of history) (await writeChildren(tx, portalId, fetched, 'add')).forEach((id) => affected.add(id));
      for (const fetched of children) (await writeChildren(tx, portalId, fetched, 'replace')).forEach((id) => affected.add(id));
      await webhookEventsRepository(tx).markProcessed(portalId, batch.map((e) => e.eventId));
    });
    processed += batch.length;
    const ignored = actions.filter((a) => a.kind === 'ignore').length;
    logger.info({ events: batch.length, ignored }, 'webhook events applied');
  }
  const changedCompanies = await stillHeld(deps, portalId, affected);
  if (changedCompanies.length > 0) await deps.requestScoring(portalId, changedCompanies);
  return { processed, changedCompanies };
};
