import type { PortalClient } from '../hubspot/client.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import type { Session } from '../store/db.ts';
import type { FullCursor } from './full-sync-cursor.ts';
import type { SyncSettings } from './object-catalogue.ts';
import type { SyncDeps } from './sync-deps.ts';

/** What every phase of a full sync gets: the portal's door, its settings, and one way to commit a page with its checkpoint. */
export interface PhaseContext {
  portalId: number;
  client: PortalClient;
  settings: SyncSettings;
  cursor: () => FullCursor;
  signal?: AbortSignal;
  /** Runs the page's writes, then saves the advanced cursor and progress in the same transaction. */
  commit(objectType: string, records: readonly HubSpotObject[], next: Partial<FullCursor>, write?: (tx: Session) => Promise<void>): Promise<void>;
  db: SyncDeps['db'];
}
