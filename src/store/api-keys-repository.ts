import { z } from 'zod';
import type { Queryable } from './db.ts';

// Only the SHA-256 of a key is stored; the prefix identifies a key to people (lists, logs) without revealing it.
const rowSchema = z.object({
  id: z.coerce.number().int(),
  portal_id: z.coerce.number().int(),
  name: z.string(),
  key_prefix: z.string(),
  scopes: z.array(z.string()),
  created_at: z.coerce.date(),
  last_used_at: z.coerce.date().nullable(),
  revoked_at: z.coerce.date().nullable(),
});

const toApiKey = (row: unknown) => {
  const r = rowSchema.parse(row);
  return {
    id: r.id, portalId: r.portal_id, name: r.name, keyPrefix: r.key_prefix, scopes: r.scopes,
    createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
  };
};
export type ApiKeyRecord = ReturnType<typeof toApiKey>;

const columns = 'id, portal_id, name, key_prefix, scopes, created_at, last_used_at, revoked_at';

export const apiKeysRepository = (db: Queryable) => ({
  async insert(input: { portalId: number; name: string; keyPrefix: string; keyHash: string; scopes: readonly string[]; now: Date }): Promise<ApiKeyRecord> {
    const rows = await db.query(
      `INSERT INTO api_keys (portal_id, name, key_prefix, key_hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${columns}`,
      [input.portalId, input.name, input.keyPrefix, input.keyHash, [...input.scopes], input.now],
    );
    return toApiKey(rows[0]);
  },

  async findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const rows = await db.query(`SELECT ${columns} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
    return rows[0] ? toApiKey(rows[0]) : null;
  },

  async listForPortal(portalId: number): Promise<ApiKeyRecord[]> {
    const rows = await db.query(`SELECT ${columns} FROM api_keys WHERE portal_id = $1 ORDER BY id`, [portalId]);
    return rows.map(toApiKey);
  },

  async touch(id: number, now: Date): Promise<void> {
    await db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, now]);
  },

  /** Scoped by portal so one portal's admin can never revoke another's key by guessing ids. */
  async revoke(portalId: number, id: number, now: Date): Promise<boolean> {
    const rows = await db.query('UPDATE api_keys SET revoked_at = $3 WHERE portal_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id', [portalId, id, now]);
    return rows.length > 0;
  },

  /** The portal's active keys whose prefix starts with `prefix`: people name a key by the prefix they were shown. */
  async activeByPrefix(portalId: number, prefix: string): Promise<ApiKeyRecord[]> {
    const rows = await db.query(
      `SELECT ${columns} FROM api_keys WHERE portal_id = $1 AND revoked_at IS NULL AND starts_with(key_prefix, $2) ORDER BY id`,
      [portalId, prefix],
    );
    return rows.map(toApiKey);
  },
});

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;
