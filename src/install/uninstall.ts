import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import type { Db } from '../store/db.ts';
import { installationsRepository } from '../store/installations-repository.ts';
import { deleteAllPortalRows } from '../store/portal-data-repository.ts';

export interface UninstallDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
}

/**
 * HubSpot told us the app is gone (APP_UNINSTALL lifecycle event, or the webhook route saw one): stop all work and
 * drop the tokens. Synced data stays until an admin deletes it, so a quick reinstall loses nothing.
 */
export const markUninstalled = (deps: UninstallDeps) => async (portalId: number, reason = 'app_uninstalled'): Promise<boolean> => {
  const changed = await installationsRepository(deps.db).deactivate(portalId, 'uninstalled', reason, deps.clock.now());
  if (changed) portalLogger(deps.logger, portalId).info({ reason }, 'installation marked uninstalled');
  return changed;
};

/** One lifecycle event as the webhook or journal route has parsed it. */
export type AppLifecycleEvent = { portalId: number; action: 'APP_INSTALL' | 'APP_UNINSTALL' | (string & {}) };

/** APP_INSTALL needs nothing here: the OAuth callback is what creates an installation. */
export const handleAppLifecycleEvent = (deps: UninstallDeps) => async (event: AppLifecycleEvent): Promise<void> => {
  if (event.action === 'APP_UNINSTALL') await markUninstalled(deps)(event.portalId);
};

/**
 * Removes everything Waypoint holds for the portal: installation and tokens, synced records, scores, configs, API
 * keys. Refused while the app is still installed, since the next sync would bring the data straight back.
 */
export const deletePortalData = (deps: UninstallDeps) => async (portalId: number): Promise<{ deleted: Record<string, number> }> => {
  const installation = await installationsRepository(deps.db).find(portalId);
  if (installation?.status === 'active') {
    throw new AppError('CONFLICT', `Portal ${portalId} still has Waypoint installed: uninstall it in HubSpot before deleting its data`);
  }
  const deleted = await deleteAllPortalRows(deps.db, portalId);
  portalLogger(deps.logger, portalId).info({ deleted }, 'portal data deleted');
  return { deleted };
};
