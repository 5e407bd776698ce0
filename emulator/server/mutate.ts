import type { CrmRecord, EngagementType, ObjectType, Properties } from '../generator/index.ts';
import type { PortalRuntime } from './context.ts';
import type { ChangeSource } from './store-types.ts';

interface Target { portalId?: number }

/**
 * Changes made "in HubSpot" by a user rather than by the app: they go through the same store as API writes, so they
 * emit the same webhook events, with changeSource CRM_UI.
 */
export const mutateHelpers = (resolve: (portalId?: number) => PortalRuntime, clock: () => number) => {
  const userSource = (runtime: PortalRuntime): ChangeSource => ({
    changeSource: 'CRM_UI', sourceId: `userId:${runtime.store.portal.owners[0]?.userId ?? 0}`,
  });
  const update = (t: Target & { type: ObjectType; id: string; properties: Properties; source?: ChangeSource }): CrmRecord => {
    const runtime = resolve(t.portalId);
    const record = runtime.store.update(t.type, t.id, t.properties, t.source ?? userSource(runtime));
    if (!record) throw new Error(`No ${t.type} ${t.id} in portal ${runtime.store.portalId}`);
    return record;
  };
  const nowIso = (at?: string) => at ?? new Date(clock()).toISOString();
  return {
    updateObject: update,

    createObject(t: Target & { type: ObjectType; properties: Properties; companyId?: string; contactId?: string }): CrmRecord {
      const runtime = resolve(t.portalId);
      if (t.companyId && !runtime.store.get('companies', t.companyId)) throw new Error(`No company ${t.companyId}`);
      return runtime.store.create(t.type, t.properties, { companyId: t.companyId ?? null, contactId: t.contactId ?? null }, userSource(runtime));
    },

    /** A new call, email, meeting, note or task on a company, stamped now unless hs_timestamp is given. */
    addEngagement(t: Target & { type: EngagementType; companyId: string; contactId?: string; properties?: Properties }): CrmRecord {
      const runtime = resolve(t.portalId);
      const company = runtime.store.get('companies', t.companyId);
      if (!company) throw new Error(`No company ${t.companyId}`);
      const properties = { hs_timestamp: nowIso(), hubspot_owner_id: company.properties.hubspot_owner_id ?? null, ...t.properties };
      return runtime.store.create(t.type, properties, { companyId: company.id, contactId: t.contactId ?? null }, userSource(runtime));
    },

    closeTicket(t: Target & { ticketId: string; at?: string }): CrmRecord {
      return update({ ...t, type: 'tickets', id: t.ticketId, properties: { hs_pipeline_stage: '4', closed_date: nowIso(t.at) } });
    },

    winDeal(t: Target & { dealId: string; at?: string }): CrmRecord {
      return update({ ...t, type: 'deals', id: t.dealId, properties: { dealstage: 'closedwon', hs_is_closed: 'true', hs_is_closed_won: 'true', closedate: nowIso(t.at) } });
    },

    loseDeal(t: Target & { dealId: string; at?: string }): CrmRecord {
      return update({ ...t, type: 'deals', id: t.dealId, properties: { dealstage: 'closedlost', hs_is_closed: 'true', hs_is_closed_won: 'false', closedate: nowIso(t.at) } });
    },

    setContactTitle(t: Target & { contactId: string; jobtitle: string }): CrmRecord {
      return update({ ...t, type: 'contacts', id: t.contactId, properties: { jobtitle: t.jobtitle } });
    },

    contactLeft(t: Target & { contactId: string }): CrmRecord {
      return update({ ...t, type: 'contacts', id: t.contactId, properties: { left_company: 'true' } });
    },

    deleteObject(t: Target & { type: ObjectType; id: string }): void {
      const runtime = resolve(t.portalId);
      if (!runtime.store.archive(t.type, t.id, userSource(runtime))) throw new Error(`No ${t.type} ${t.id} to delete`);
    },

    restoreObject(t: Target & { type: ObjectType; id: string }): void {
      const runtime = resolve(t.portalId);
      if (!runtime.store.restore(t.type, t.id, userSource(runtime))) throw new Error(`No archived ${t.type} ${t.id} to restore`);
    },

    mergeCompanies(t: Target & { primaryId: string; mergedId: string }): CrmRecord {
      const runtime = resolve(t.portalId);
      const survivor = runtime.store.mergeCompanies(t.primaryId, t.mergedId, userSource(runtime));
      if (!survivor) throw new Error(`Cannot merge company ${t.mergedId} into ${t.primaryId}`);
      return survivor;
    },
  };
};

export type MutateHelpers = ReturnType<typeof mutateHelpers>;
