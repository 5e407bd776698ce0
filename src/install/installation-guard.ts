import { AppError } from '../shared/errors.ts';
import type { Queryable } from '../store/db.ts';
import { installationsRepository } from '../store/installations-repository.ts';

/** The one rule for whether Waypoint still works for a portal: its installation exists and is active. */
export const isActiveInstallation = async (db: Queryable, portalId: number): Promise<boolean> =>
  (await installationsRepository(db).find(portalId))?.status === 'active';

/**
 * Jobs call this first: an inactive, uninstalled or deleted portal does no more work (its queued jobs end quietly
 * with INSTALLATION_INACTIVE, which is not retryable).
 */
export const requireActiveInstallation = async (db: Queryable, portalId: number): Promise<void> => {
  const installation = await installationsRepository(db).find(portalId);
  if (installation?.status !== 'active') {
    throw new AppError('INSTALLATION_INACTIVE', `Portal ${portalId} is ${installation?.status ?? 'not installed'}; no work runs for it`);
  }
};
