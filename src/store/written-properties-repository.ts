import { z } from 'zod';
import type { Queryable } from './db.ts';

// What Waypoint last wrote to each company. Write-back diffs against it (so unchanged values are never sent again)
// and the sync engine reads it to recognise echoes of Waypoint's own writes among webhook events.

const rowSchema = z.object({ company_id: z.string(), properties: z.record(z.string(), z.string()) });

export interface WrittenCompany {
  companyId: string;
  properties: Record<string, string>;
}

export const writtenPropertiesRepository = (db: Queryable) => ({
  async forCompanies(portalId: number, companyIds: readonly string[]): Promise<Map<string, Record<string, string>>> {
    if (companyIds.length === 0) return new Map();
    const rows = await db.query(
      'SELECT company_id, properties FROM written_properties WHERE portal_id = $1 AND company_id = ANY($2::text[])',
      [portalId, [...companyIds]],
    );
    return new Map(rows.map((row) => rowSchema.parse(row)).map((r) => [r.company_id, r.properties]));
  },

  /** Merges the newly written values over what was recorded before, in one statement for the whole batch. */
  async record(portalId: number, written: readonly WrittenCompany[], now: Date): Promise<void> {
    if (written.length === 0) return;
    await db.query(
      `INSERT INTO written_properties (portal_id, company_id, properties, written_at)
       SELECT $1, w.company_id, w.properties, $3
       FROM jsonb_to_recordset($2::jsonb) AS w(company_id text, properties jsonb)
       ON CONFLICT (portal_id, company_id) DO UPDATE
         SET properties = written_properties.properties || EXCLUDED.properties, written_at = EXCLUDED.written_at`,
      [portalId, JSON.stringify(written.map((w) => ({ company_id: w.companyId, properties: w.properties }))), now],
    );
  },
});

export type WrittenPropertiesRepository = ReturnType<typeof writtenPropertiesRepository>;
