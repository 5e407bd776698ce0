import type { Queryable } from './db.ts';

/** What a claim found: this request may go ahead, an earlier one finished (with its result), or one is running. */
export type CardActionClaim = { kind: 'claimed' } | { kind: 'done'; result: unknown } | { kind: 'running' };

export type CardActionKey = { portalId: number; companyId: string; action: string; keys: readonly string[] };

// A day is far beyond any replay window; older rows are only history and are removed as new claims come.
const KEEP_MS = 24 * 3_600_000;

export const cardActionsRepository = (db: Queryable) => ({
  /**
   * Claims every key for this request, unless one of them, or the same action on the same company since
   * `windowStart`, was claimed before. Concurrent identical requests race on the primary key: one wins.
   */
  async claim(request: CardActionKey, at: Date, windowStart: Date): Promise<CardActionClaim> {
    const { portalId, companyId, action, keys } = request;
    await db.query('DELETE FROM card_actions WHERE portal_id = $1 AND claimed_at < $2', [portalId, new Date(at.getTime() - KEEP_MS)]);
    const earlier = await db.query<{ result: unknown }>(
      `SELECT result FROM card_actions
       WHERE portal_id = $1 AND (dedupe_key = ANY($2::text[]) OR (company_id = $3 AND action = $4 AND claimed_at >= $5))
       ORDER BY (result IS NULL), claimed_at DESC LIMIT 1`,
      [portalId, [...keys], companyId, action, windowStart],
    );
    const found = earlier[0];
    if (found !== undefined) return found.result === null ? { kind: 'running' } : { kind: 'done', result: found.result };
    const inserted = await db.query<{ dedupe_key: string }>(
      `INSERT INTO card_actions (portal_id, dedupe_key, company_id, action, claimed_at)
       SELECT $1, unnest($2::text[]), $3, $4, $5
       ON CONFLICT (portal_id, dedupe_key) DO NOTHING RETURNING dedupe_key`,
      [portalId, [...keys], companyId, action, at],
    );
    if (inserted.length === keys.length) return { kind: 'claimed' };
    await this.release(portalId, inserted.map((row) => row.dedupe_key));
    return { kind: 'running' };
  },

  async complete(portalId: number, keys: readonly string[], result: unknown): Promise<void> {
    await db.query('UPDATE card_actions SET result = $3 WHERE portal_id = $1 AND dedupe_key = ANY($2::text[])', [portalId, [...keys], JSON.stringify(result)]);
  },

  /** Gives the keys back after a failed action, so the CSM's retry can run it. */
  async release(portalId: number, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await db.query('DELETE FROM card_actions WHERE portal_id = $1 AND dedupe_key = ANY($2::text[]) AND result IS NULL', [portalId, [...keys]]);
  },
});
