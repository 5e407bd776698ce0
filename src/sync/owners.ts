import type { PortalClient } from '../hubspot/client.ts';
import { portalLogger } from '../shared/logger.ts';
import { ownersRepository } from '../store/owners-repository.ts';
import type { SyncDeps } from './sync-deps.ts';

/**
 * The portal's owners, listed through the door and stored whole, so the worklists name each CSM. Names are not worth
 * a failed sync: a portal that did not grant the owners scope, or a listing that fails, keeps the owners stored
 * before (the worklists then show the owner's id) and the sync goes on.
 */
export const syncOwners = async (deps: Pick<SyncDeps, 'db' | 'logger' | 'clock'>, portalId: number, client: Pick<PortalClient, 'listOwners'>): Promise<void> => {
  try {
    const owners = await client.listOwners();
    await ownersRepository(deps.db).replaceAll(portalId, owners, deps.clock.now());
  } catch (error) {
    portalLogger(deps.logger, portalId).warn({ reason: error instanceof Error ? error.message : String(error) }, 'owners not listed; the stored owners stay');
  }
};
