import { z } from 'zod';
import type { CompanyMilestone } from '../scoring/snapshot.schema.ts';
import type { Queryable } from './db.ts';

const rowSchema = z.object({ company_id: z.string(), milestone_key: z.string(), label: z.string(), due_date: z.string() });

export const companyMilestonesRepository = (db: Queryable) => ({
  /** Adds the milestone, or changes its label and due date when the company already has that key. */
  async upsert(portalId: number, companyId: string, milestone: CompanyMilestone, setBy: string, at: Date): Promise<void> {
    await db.query(
      `INSERT INTO company_milestones (portal_id, company_id, milestone_key, label, due_date, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (portal_id, company_id, milestone_key) DO UPDATE SET label = EXCLUDED.label, due_date = EXCLUDED.due_date,
         set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [portalId, companyId, milestone.key, milestone.label, milestone.dueDate, setBy, at],
    );
  },

  /** Removes the milestone and its done mark, so a milestone added again later with the same key starts open. */
  async remove(portalId: number, companyId: string, key: string): Promise<boolean> {
    const removed = await db.query('DELETE FROM company_milestones WHERE portal_id = $1 AND company_id = $2 AND milestone_key = $3 RETURNING 1', [portalId, companyId, key]);
    await db.query('DELETE FROM milestone_overrides WHERE portal_id = $1 AND company_id = $2 AND milestone_key = $3', [portalId, companyId, key]);
    return removed.length > 0;
  },

  /** Each company's own milestones, in the order they are due. */
  async forCompanies(portalId: number, companyIds?: readonly string[]): Promise<Map<string, CompanyMilestone[]>> {
    const rows = await db.query(
      `SELECT company_id, milestone_key, label, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM company_milestones
       WHERE portal_id = $1 AND ($2::text[] IS NULL OR company_id = ANY($2::text[])) ORDER BY company_id, due_date, milestone_key`,
      [portalId, companyIds ? [...companyIds] : null],
    );
    const byCompany = new Map<string, CompanyMilestone[]>();
    for (const row of rows.map((r) => rowSchema.parse(r))) {
      const list = byCompany.get(row.company_id) ?? [];
      list.push({ key: row.milestone_key, label: row.label, dueDate: row.due_date });
      byCompany.set(row.company_id, list);
    }
    return byCompany;
  },
});
