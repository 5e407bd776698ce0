import type { Queryable } from './db.ts';

// One row per issued OAuth state; consuming it is a single conditional UPDATE, so a state works exactly once even
// when the same callback URL is hit twice at the same moment.
export const oauthStatesRepository = (db: Queryable) => ({
  async insert(stateId: string, createdAt: Date, expiresAt: Date): Promise<void> {
    await db.query('INSERT INTO oauth_states (state_id, created_at, expires_at) VALUES ($1, $2, $3)', [stateId, createdAt, expiresAt]);
  },

  /** True only for the first consumption of an unexpired state. */
  async consume(stateId: string, now: Date): Promise<boolean> {
    const rows = await db.query(
      'UPDATE oauth_states SET used_at = $2 WHERE state_id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING state_id',
      [stateId, now],
    );
    return rows.length > 0;
  },

  async purgeExpired(now: Date): Promise<number> {
    const rows = await db.query('DELETE FROM oauth_states WHERE expires_at <= $1 RETURNING state_id', [now]);
    return rows.length;
  },
});

export type OAuthStatesRepository = ReturnType<typeof oauthStatesRepository>;
