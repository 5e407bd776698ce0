import type { Queryable } from './db.ts';

export type PortalSyncAge = { portalId: number; lastSyncedAt: Date | null; installedAt: Date };

/** Read-only figures for operators: when each active portal last finished a sync, whatever its kind. */
export const operationsRepository = (db: Queryable) => ({
  async lastSyncPerActivePortal(): Promise<PortalSyncAge[]> {
    const rows = await db.query<{ portal_id: string | number; last_synced_at: Date | string | null; installed_at: Date | string }>(
      `SELECT i.portal_id, i.installed_at,
              (SELECT max(r.finished_at) FROM sync_runs r WHERE r.portal_id = i.portal_id AND r.status = 'succeeded') AS last_synced_at
         FROM installations i WHERE i.status = 'active' ORDER BY i.portal_id`,
    );
    return rows.map((row) => ({
      portalId: Number(row.portal_id),
      lastSyncedAt: row.last_synced_at === null ? null : new Date(row.last_synced_at),
      installedAt: new Date(row.installed_at),
    }));
  },
});
