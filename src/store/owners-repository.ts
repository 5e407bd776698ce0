import type { Session } from './db.ts';

export interface StoredOwner {
  id: string;
  name: string | null;
  email: string | null;
}

/** The portal's HubSpot owners, replaced whole by each listing: an owner HubSpot no longer lists is dropped. */
export const ownersRepository = (db: Session) => ({
  async replaceAll(portalId: number, owners: readonly StoredOwner[], syncedAt: Date): Promise<void> {
    const rows = JSON.stringify(owners.map((o) => ({ id: o.id, name: o.name, email: o.email })));
    await db.query(
      `WITH listed AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS o(id text, name text, email text)),
       dropped AS (DELETE FROM hubspot_owners h WHERE h.portal_id = $1 AND NOT EXISTS (SELECT 1 FROM listed l WHERE l.id = h.owner_id))
       INSERT INTO hubspot_owners (portal_id, owner_id, name, email, synced_at)
       SELECT DISTINCT ON (id) $1, id, name, email, $3 FROM listed ORDER BY id
       ON CONFLICT (portal_id, owner_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, synced_at = EXCLUDED.synced_at`,
      [portalId, rows, syncedAt],
    );
  },

});
