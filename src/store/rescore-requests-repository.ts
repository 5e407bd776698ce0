import type { Queryable } from './db.ts';

const ALL = '*';

/**
 * Companies waiting to be rescored, per portal. A score job claims what is pending, scores and writes it back, and
 * only then releases (deletes) its claim; a failed job unclaims; a job that died (kill -9) leaves its claim behind
 * for the portal's next score job to take over. The queue runs one score job per portal at a time, so a claim held
 * by another job id belongs to a job that is no longer the portal's active one.
 */
export const rescoreRequestsRepository = (db: Queryable) => ({
  /**
   * Records that these companies (or, with no ids, all customers) need rescoring; repeats collapse. A company asked
   * for again while a job holds it goes back to pending, so that job's release keeps it for the next run.
   */
  async add(portalId: number, companyIds?: readonly string[]): Promise<void> {
    const ids = companyIds === undefined ? [ALL] : [...new Set(companyIds)];
    if (ids.length === 0) return;
    await db.query(
      `INSERT INTO rescore_requests (portal_id, company_id)
       SELECT $1, unnest($2::text[])
       ON CONFLICT (portal_id, company_id) DO UPDATE SET claimed_by = NULL, claimed_at = NULL, requested_at = now()
       WHERE rescore_requests.claimed_by IS NOT NULL`,
      [portalId, ids],
    );
  },

  /**
   * Claims every request of the portal for this job (its own earlier claim and dead jobs' claims included):
   * undefined means rescore all customers, an empty list means nothing is pending.
   */
  async claim(portalId: number, jobId: string, now: Date): Promise<readonly string[] | undefined> {
    const rows = await db.query<{ company_id: string }>(
      'UPDATE rescore_requests SET claimed_by = $2, claimed_at = $3 WHERE portal_id = $1 RETURNING company_id',
      [portalId, jobId, now],
    );
    const ids = rows.map((r) => r.company_id);
    return ids.includes(ALL) ? undefined : ids;
  },

  /** The job's cards and write-back are stored: its claimed requests are done. */
  async release(portalId: number, jobId: string): Promise<void> {
    await db.query('DELETE FROM rescore_requests WHERE portal_id = $1 AND claimed_by = $2', [portalId, jobId]);
  },

  /** The job failed: its requests are pending again for whichever run comes next. */
  async unclaim(portalId: number, jobId: string): Promise<void> {
    await db.query('UPDATE rescore_requests SET claimed_by = NULL, claimed_at = NULL WHERE portal_id = $1 AND claimed_by = $2', [portalId, jobId]);
  },

  /** Whether a rescore of this company (or of every customer) is still waiting or running. */
  async isPending(portalId: number, companyId: string): Promise<boolean> {
    const rows = await db.query('SELECT 1 FROM rescore_requests WHERE portal_id = $1 AND company_id = ANY($2::text[]) LIMIT 1', [portalId, [companyId, ALL]]);
    return rows.length > 0;
  },
});
