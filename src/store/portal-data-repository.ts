import type { Db } from './db.ts';

/**
 * Deletes every row of one portal, in one transaction, from every table of Waypoint's schema that has a portal_id
 * column: tables added by later migrations are covered without anyone remembering to list them here.
 * Returns the number of rows removed per table.
 */
export const deleteAllPortalRows = async (db: Db, portalId: number): Promise<Record<string, number>> =>
  db.transaction(async (tx) => {
    const tables = await tx.query<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND c.column_name = 'portal_id' AND t.table_type = 'BASE TABLE'
       ORDER BY c.table_name`,
    );
    const deleted: Record<string, number> = {};
    for (const { table_name: table } of tables) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      const rows = await tx.query(`DELETE FROM ${quoted} WHERE portal_id = $1 RETURNING 1`, [portalId]);
      deleted[table] = rows.length;
    }
    return deleted;
  });
