import { createHash } from 'node:crypto';
import type { Queryable } from '../store/db.ts';

/**
 * SHA-256 over what the store holds for a portal (records with their properties, links, usage), in key order and
 * without bookkeeping columns (synced_at, updated_at): equal hashes mean two syncs left the same content, however
 * often they were interrupted.
 */
export const storeContentHash = async (db: Queryable, portalId: number): Promise<string> => {
  const hash = createHash('sha256');
  const feed = async (label: string, sql: string) => {
    hash.update(`${label}\n`);
    for (const row of await db.query<{ line: string }>(sql, [portalId])) hash.update(`${row.line}\n`);
  };
  await feed('objects', `SELECT object_type || ' ' || object_id || ' ' || archived::text || ' ' || properties::text AS line
    FROM crm_objects WHERE portal_id = $1 ORDER BY object_type, object_id`);
  await feed('links', `SELECT from_type || ' ' || from_id || ' ' || to_type || ' ' || to_id AS line
    FROM crm_associations WHERE portal_id = $1 ORDER BY from_type, from_id, to_type, to_id`);
  await feed('usage', `SELECT company_id || ' ' || to_char(day, 'YYYY-MM-DD') || ' ' || metric || ' ' || value::text AS line
    FROM usage_metrics WHERE portal_id = $1 ORDER BY company_id, day, metric`);
  return hash.digest('hex');
};
