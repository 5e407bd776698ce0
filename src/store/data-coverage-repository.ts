import { dataCoverageSchema, type DataCoverage } from '../scoring/coverage.ts';
import type { Queryable } from './db.ts';

export const dataCoverageRepository = (db: Queryable) => ({
  async save(portalId: number, report: DataCoverage): Promise<void> {
    await db.query(
      `INSERT INTO data_coverage (portal_id, report, computed_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (portal_id) DO UPDATE SET report = EXCLUDED.report, computed_at = EXCLUDED.computed_at`,
      [portalId, JSON.stringify(report), report.computedAt],
    );
  },

  /** The portal's latest report, or null before its first whole-portal scoring run. */
  async latest(portalId: number): Promise<DataCoverage | null> {
    const rows = await db.query<{ report: unknown }>('SELECT report FROM data_coverage WHERE portal_id = $1', [portalId]);
    return rows[0] ? dataCoverageSchema.parse(rows[0].report) : null;
  },
});
