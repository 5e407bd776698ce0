import { syncRepository } from '../store/sync-repository.ts';
import { FULL_STREAM } from '../sync/full-sync-cursor.ts';
import { runFullSync, type FullSyncResult } from '../sync/full-sync.ts';
import { readWatermarks, runIncrementalSync, type IncrementalSyncResult } from '../sync/incremental-sync.ts';
import type { SyncDeps } from '../sync/sync-deps.ts';

export interface SyncPortalInput {
  portalId: number;
  mode: 'full' | 'incremental';
  /** The queue's job signal: a stopping worker ends the sync after the page in hand, which is checkpointed. */
  signal?: AbortSignal;
}

export type SyncPortalResult = ({ mode: 'full' } & FullSyncResult) | ({ mode: 'incremental' } & IncrementalSyncResult);

/**
 * The 'sync-portal' job. An interrupted full sync is always finished first (its checkpoint says where); an
 * incremental sync of a portal never fully synced becomes a full one.
 */
export const syncPortal = async (deps: SyncDeps, input: SyncPortalInput): Promise<SyncPortalResult> => {
  const interrupted = (await syncRepository(deps.db).checkpoint(input.portalId, FULL_STREAM)) !== null;
  const watermarks = input.mode === 'incremental' && !interrupted ? await readWatermarks(deps, input.portalId) : null;
  if (watermarks) return { mode: 'incremental', ...(await runIncrementalSync(deps, input.portalId, watermarks, input.signal)) };
  return { mode: 'full', ...(await runFullSync(deps, input.portalId, input.signal)) };
};
