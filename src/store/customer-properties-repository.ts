import { z } from 'zod';
import type { Queryable } from './db.ts';

const PAGE = 5_000;
const rowSchema = z.object({ id: z.string(), values: z.record(z.string(), z.string().nullable()).nullable() });

/**
 * The named properties of the portal's customer companies (those whose `filter.property` holds one of its values),
 * a page at a time in id order, so counting a rule over a 100,000-company portal never holds every record at once.
 */
export const customerPropertiesRepository = (db: Queryable) => ({
  async *pages(portalId: number, filter: { property: string; values: readonly string[] }, names: readonly string[]): AsyncIterable<Array<Record<string, string | null>>> {
    let after = '';
    for (;;) {
      const rows = await db.query(
        `SELECT object_id AS id,
           (SELECT jsonb_object_agg(name, properties->>name) FROM unnest($4::text[]) AS name) AS values
         FROM crm_objects
         WHERE portal_id = $1 AND object_type = 'companies' AND NOT archived AND properties->>$2 = ANY($3::text[]) AND object_id > $5
         ORDER BY object_id LIMIT ${PAGE}`,
        [portalId, filter.property, [...filter.values], [...new Set(names)], after],
      );
      const page = rows.map((row) => rowSchema.parse(row));
      if (page.length === 0) return;
      yield page.map((row) => row.values ?? {});
      after = page.at(-1)?.id ?? after;
      if (page.length < PAGE) return;
    }
  },
});
