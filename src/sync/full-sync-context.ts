import type { PortalClient } from '../hubspot/client.ts';
import type { HubSpotObject } from '../hubspot/schemas.ts';
import type { Session } from '../store/db.ts';
import type { FullCursor } from './full-sync-cursor.ts';
import type { SyncSettings } from './object-catalogue.ts';
import type { AheadBounds } from './read-ahead.ts';
import type { SyncDeps } from './sync-deps.ts';

/**
 * HubSpot reads in flight ahead of the pages being written. HubSpot's budget is 10 requests a second per portal,
 * so with a few hundred milliseconds a request, three would do; the bench compresses the windows tenfold (100 a
 * second) on a shared machine where a request takes 50 to 150 ms, which takes ten. Ten pages are about a megabyte.
 * Each commit holds at least a few pages: on the embedded store a commit's own statements (the checkpoint, the
 * transaction, each write's parse and plan) cost about as much as a page's rows.
 */
export const PAGES_AHEAD: AheadBounds = { depth: 10, least: 5 };

/** What one commit carries: the records it writes (for progress) and how many HubSpot pages they came in. */
export interface CommitPages {
  objectType: string;
  records: readonly HubSpotObject[];
  pages: number;
}

/** What every phase of a full sync gets: the portal's door, its settings, and one way to commit pages with their checkpoint. */
export interface PhaseContext {
  portalId: number;
  client: PortalClient;
  settings: SyncSettings;
  cursor: () => FullCursor;
  signal?: AbortSignal;
  /** Runs the pages' writes, then saves the advanced cursor and progress in the same transaction. */
  commit(pages: CommitPages, next: Partial<FullCursor>, write?: (tx: Session) => Promise<void>): Promise<void>;
  db: SyncDeps['db'];
}
