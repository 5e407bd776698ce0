import type { HubSpotClient } from '../hubspot/client.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import { parseHubSpotTimestamp } from '../hubspot/search.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { COMPANIES, crmRepository, type CrmRecordInput } from '../store/crm-repository.ts';
import type { Db } from '../store/db.ts';
import type { SyncSettings } from './object-catalogue.ts';

export interface SyncDeps {
  db: Db;
  hubspot: Pick<HubSpotClient, 'forPortal' | 'stats'>;
  logger: Logger;
  clock: Clock;
  /** The portal's customer filter and company properties (from its scoring config). */
  settingsFor(portalId: number): Promise<SyncSettings>;
  /** Asks for the changed companies to be rescored; companyIds absent means every customer. */
  requestScoring(portalId: number, companyIds: readonly string[] | null): Promise<void>;
}

/** HubSpot's own modification time decides which of two reads of a record is newer (updatedAt when it is absent). */
export const toRecordInput = (record: HubSpotObject): CrmRecordInput => {
  const modifiedMs = parseHubSpotTimestamp(record.properties.hs_lastmodifieddate);
  return { id: record.id, properties: record.properties, updatedAt: modifiedMs === undefined ? record.updatedAt : new Date(modifiedMs).toISOString() };
};

/** Every association type HubSpot lists to companies (labelled or not), as distinct company ids. */
export const companyIdsOf = (record: HubSpotObject): string[] =>
  [...new Set(record.associations?.companies?.results.map((r) => r.id) ?? [])];

/** Companies to rescore: those touched that are still customers held in the store, in id order. */
export const stillHeld = async (deps: Pick<SyncDeps, 'db'>, portalId: number, touched: Iterable<string>): Promise<string[]> =>
  [...(await crmRepository(deps.db).existing(portalId, COMPANIES, [...touched]))].sort();
