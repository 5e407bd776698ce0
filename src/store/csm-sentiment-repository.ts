import { z } from 'zod';
import { csmSentimentValues, type CsmSentimentInput } from '../scoring/snapshot.schema.ts';
import type { Queryable } from './db.ts';

const rowSchema = z.object({
  id: z.coerce.number(), company_id: z.string(), value: z.enum(csmSentimentValues), note: z.string().nullable(), set_by: z.string(), set_at: z.coerce.date(),
});

const toInput = (row: z.infer<typeof rowSchema>): CsmSentimentInput => ({ value: row.value, note: row.note, setBy: row.set_by, setAt: row.set_at.toISOString() });

export const csmSentimentRepository = (db: Queryable) => ({
  async record(portalId: number, companyId: string, sentiment: CsmSentimentInput): Promise<number> {
    const [row] = await db.query<{ id: string }>(
      'INSERT INTO csm_sentiments (portal_id, company_id, value, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [portalId, companyId, sentiment.value, sentiment.note, sentiment.setBy, sentiment.setAt],
    );
    return Number(row!.id);
  },

  /** Each company's latest sentiment set at or before `asOf` (expired or not: whether it still counts is scoring's rule). */
  async latestForCompanies(portalId: number, asOf: Date, companyIds?: readonly string[]): Promise<Map<string, CsmSentimentInput>> {
    const rows = await db.query(
      `SELECT DISTINCT ON (company_id) id, company_id, value, note, set_by, set_at FROM csm_sentiments
       WHERE portal_id = $1 AND set_at <= $2 AND ($3::text[] IS NULL OR company_id = ANY($3::text[]))
       ORDER BY company_id, set_at DESC, id DESC`,
      [portalId, asOf, companyIds ? [...companyIds] : null],
    );
    return new Map(rows.map((r) => rowSchema.parse(r)).map((row) => [row.company_id, toInput(row)]));
  },
});
