import { z } from 'zod';
import type { DesiredOutcome } from '../scoring/snapshot.schema.ts';
import type { Queryable } from './db.ts';

const rowSchema = z.object({
  company_id: z.string(), outcome: z.string(), metric: z.string(), source_kind: z.enum(['property', 'usage']), source_name: z.string(),
  baseline: z.coerce.number(), target: z.coerce.number(), target_date: z.string(), set_by: z.string(), set_at: z.coerce.date(),
});

const toOutcome = (row: z.infer<typeof rowSchema>): DesiredOutcome => ({
  outcome: row.outcome, metric: row.metric,
  source: row.source_kind === 'property' ? { kind: 'property', property: row.source_name } : { kind: 'usage', metric: row.source_name },
  baseline: row.baseline, target: row.target, targetDate: row.target_date, setBy: row.set_by, setAt: row.set_at.toISOString(),
});

export const desiredOutcomesRepository = (db: Queryable) => ({
  /** Sets (or replaces) the company's desired outcome. */
  async set(portalId: number, companyId: string, outcome: DesiredOutcome): Promise<void> {
    const sourceName = outcome.source.kind === 'property' ? outcome.source.property : outcome.source.metric;
    await db.query(
      `INSERT INTO desired_outcomes (portal_id, company_id, outcome, metric, source_kind, source_name, baseline, target, target_date, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (portal_id, company_id) DO UPDATE SET outcome = EXCLUDED.outcome, metric = EXCLUDED.metric, source_kind = EXCLUDED.source_kind,
         source_name = EXCLUDED.source_name, baseline = EXCLUDED.baseline, target = EXCLUDED.target, target_date = EXCLUDED.target_date,
         set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [portalId, companyId, outcome.outcome, outcome.metric, outcome.source.kind, sourceName, outcome.baseline, outcome.target, outcome.targetDate, outcome.setBy, outcome.setAt],
    );
  },

  async forCompanies(portalId: number, companyIds?: readonly string[]): Promise<Map<string, DesiredOutcome>> {
    const rows = await db.query(
      `SELECT company_id, outcome, metric, source_kind, source_name, baseline, target, to_char(target_date, 'YYYY-MM-DD') AS target_date, set_by, set_at
       FROM desired_outcomes WHERE portal_id = $1 AND ($2::text[] IS NULL OR company_id = ANY($2::text[]))`,
      [portalId, companyIds ? [...companyIds] : null],
    );
    return new Map(rows.map((r) => rowSchema.parse(r)).map((row) => [row.company_id, toOutcome(row)]));
  },
});
