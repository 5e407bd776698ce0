import type { Queryable } from './db.ts';

const ALL = '*';

export const rescoreRequestsRepository = (db: Queryable) => ({
  /** Records that these companies (or, with no ids, all customers) need rescoring; repeats collapse. */
  async add(portalId: number, companyIds?: readonly string[]): Promise<void> {
    const ids = companyIds === undefined ? [ALL] : [...new Set(companyIds)];
    if (ids.length === 0) return;
    await db.query(
      `INSERT INTO rescore_requests (portal_id, company_id)
       SELECT $1, unnest($2::text[]) ON CONFLICT (portal_id, company_id) DO NOTHING`,
      [portalId, ids],
    );
  },

  /**
   * Takes every pending request of the portal: undefined means rescore all customers, an empty list means
   * nothing is pending (another run already took it).
   */
  async take(portalId: number): Promise<readonly string[] | undefined> {
    const rows = await db.query<{ company_id: string }>(
      'DELETE FROM rescore_requests WHERE portal_id = $1 RETURNING company_id', [portalId]);
    const ids = rows.map((r) => r.company_id);
    return ids.includes(ALL) ? undefined : ids;
  },
});
