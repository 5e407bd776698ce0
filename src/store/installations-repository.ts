import { z } from 'zod';
import type { Queryable } from './db.ts';

// Installations hold ciphertext only: this repository never sees a plaintext token.
const rowSchema = z.object({
  portal_id: z.coerce.number().int(),
  status: z.enum(['active', 'inactive', 'uninstalled']),
  status_reason: z.string().nullable(),
  scopes: z.array(z.string()),
  hub_domain: z.string().nullable(),
  access_token_enc: z.string().nullable(),
  refresh_token_enc: z.string().nullable(),
  access_expires_at: z.coerce.date().nullable(),
  installed_at: z.coerce.date(),
  updated_at: z.coerce.date(),
  uninstalled_at: z.coerce.date().nullable(),
});

const toInstallation = (row: unknown) => {
  const r = rowSchema.parse(row);
  return {
    portalId: r.portal_id,
    status: r.status,
    statusReason: r.status_reason,
    scopes: r.scopes,
    hubDomain: r.hub_domain,
    accessTokenEnc: r.access_token_enc,
    refreshTokenEnc: r.refresh_token_enc,
    accessExpiresAt: r.access_expires_at,
    installedAt: r.installed_at,
    updatedAt: r.updated_at,
    uninstalledAt: r.uninstalled_at,
  };
};

export type Installation = ReturnType<typeof toInstallation>;
export type InstallationStatus = Installation['status'];

export interface EncryptedTokens {
  accessTokenEnc: string;
  refreshTokenEnc: string;
  accessExpiresAt: Date;
}

const columns = `portal_id, status, status_reason, scopes, hub_domain, access_token_enc, refresh_token_enc,
  access_expires_at, installed_at, updated_at, uninstalled_at`;

/** Bind to the Db, or to a transaction's Queryable to read and write under its locks. */
export const installationsRepository = (db: Queryable) => ({
  async find(portalId: number): Promise<Installation | null> {
    const rows = await db.query(`SELECT ${columns} FROM installations WHERE portal_id = $1`, [portalId]);
    return rows[0] ? toInstallation(rows[0]) : null;
  },

  /** Locks the row until the surrounding transaction ends: only valid on a transaction's Queryable. */
  async findForUpdate(portalId: number): Promise<Installation | null> {
    const rows = await db.query(`SELECT ${columns} FROM installations WHERE portal_id = $1 FOR UPDATE`, [portalId]);
    return rows[0] ? toInstallation(rows[0]) : null;
  },

  async listByStatus(status: InstallationStatus): Promise<Installation[]> {
    const rows = await db.query(`SELECT ${columns} FROM installations WHERE status = $1 ORDER BY portal_id`, [status]);
    return rows.map(toInstallation);
  },

  async listWithTokens(): Promise<Installation[]> {
    const rows = await db.query(`SELECT ${columns} FROM installations WHERE refresh_token_enc IS NOT NULL ORDER BY portal_id`);
    return rows.map(toInstallation);
  },

  /** A (re)install: whatever the previous status, the portal is active again with fresh tokens. */
  async upsertActive(input: EncryptedTokens & { portalId: number; scopes: readonly string[]; hubDomain: string | null; now: Date }): Promise<Installation> {
    const rows = await db.query(
      `INSERT INTO installations (portal_id, status, status_reason, scopes, hub_domain, access_token_enc, refresh_token_enc,
         access_expires_at, installed_at, updated_at, uninstalled_at)
       VALUES ($1, 'active', NULL, $2, $3, $4, $5, $6, $7, $7, NULL)
       ON CONFLICT (portal_id) DO UPDATE SET
         status = 'active', status_reason = NULL, scopes = EXCLUDED.scopes, hub_domain = EXCLUDED.hub_domain,
         access_token_enc = EXCLUDED.access_token_enc, refresh_token_enc = EXCLUDED.refresh_token_enc,
         access_expires_at = EXCLUDED.access_expires_at, updated_at = EXCLUDED.updated_at, uninstalled_at = NULL,
         installed_at = CASE WHEN installations.status = 'active' THEN installations.installed_at ELSE EXCLUDED.installed_at END
       RETURNING ${columns}`,
      [input.portalId, [...input.scopes], input.hubDomain, input.accessTokenEnc, input.refreshTokenEnc, input.accessExpiresAt, input.now],
    );
    return toInstallation(rows[0]);
  },

  async updateTokens(portalId: number, tokens: EncryptedTokens, now: Date): Promise<void> {
    await db.query(
      `UPDATE installations SET access_token_enc = $2, refresh_token_enc = $3, access_expires_at = $4, updated_at = $5
       WHERE portal_id = $1`,
      [portalId, tokens.accessTokenEnc, tokens.refreshTokenEnc, tokens.accessExpiresAt, now],
    );
  },

  /** Swaps ciphertexts only if nobody rewrote them meanwhile (a concurrent refresh wins over a key migration). */
  async replaceCiphertexts(portalId: number, from: { access: string; refresh: string }, to: { access: string; refresh: string }): Promise<boolean> {
    const rows = await db.query(
      `UPDATE installations SET access_token_enc = $4, refresh_token_enc = $5
       WHERE portal_id = $1 AND access_token_enc = $2 AND refresh_token_enc = $3 RETURNING portal_id`,
      [portalId, from.access, from.refresh, to.access, to.refresh],
    );
    return rows.length > 0;
  },

  /** Forces the next caller to refresh, unless the token was refreshed after `refreshedBefore` (it is already new). */
  async expireAccessToken(portalId: number, now: Date, refreshedBefore: Date): Promise<void> {
    await db.query(
      `UPDATE installations SET access_expires_at = $2
       WHERE portal_id = $1 AND access_expires_at > $2 AND updated_at < $3`,
      [portalId, now, refreshedBefore],
    );
  },

  /** Stops all work for the portal; tokens are dropped because HubSpot will not honour them again. */
  async deactivate(portalId: number, status: 'inactive' | 'uninstalled', reason: string, now: Date): Promise<boolean> {
    const rows = await db.query(
      `UPDATE installations SET status = $2, status_reason = $3, updated_at = $4,
         access_token_enc = NULL, refresh_token_enc = NULL, access_expires_at = NULL,
         uninstalled_at = CASE WHEN $2 = 'uninstalled' THEN $4 ELSE uninstalled_at END
       WHERE portal_id = $1 RETURNING portal_id`,
      [portalId, status, reason, now],
    );
    return rows.length > 0;
  },
});

export type InstallationsRepository = ReturnType<typeof installationsRepository>;
