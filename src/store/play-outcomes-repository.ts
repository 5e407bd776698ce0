import { z } from 'zod';
import type { PlayOutcome } from '../scoring/snapshot.schema.ts';
import type { Queryable } from './db.ts';

export type RecordedOutcome = PlayOutcome & { companyId: string; note: string | null };

const rowSchema = z.object({
  company_id: z.string(), play: z.string(), status: z.enum(['done', 'skipped']),
  outcome: z.enum(['declined', 'review', 'case_study', 'reference', 'speaking']).nullable(), recorded_at: z.coerce.date(),
});

const effectivenessRowSchema = z.object({
  play: z.string(), status: z.string(), outcome: z.string().nullable(), count: z.coerce.number(),
  health_at: z.coerce.number().nullable(), health_30: z.coerce.number().nullable(), health_90: z.coerce.number().nullable(),
});

/** Per play and outcome: how often, and the mean health when recorded and 30 and 90 days later (null until known). */
export type PlayEffectiveness = z.infer<typeof effectivenessRowSchema>;

// The company's last score at or before a moment: the health it had then.
const healthAt = (offsetDays: number) => `(SELECT s.health_score FROM score_snapshots s
  WHERE s.portal_id = o.portal_id AND s.company_id = o.company_id AND s.scored_at <= o.recorded_at + interval '${offsetDays} days'
    AND ($2::timestamptz IS NULL OR o.recorded_at + interval '${offsetDays} days' <= $2)
  ORDER BY s.scored_at DESC LIMIT 1)`;

export const playOutcomesRepository = (db: Queryable) => ({
  async record(portalId: number, outcome: RecordedOutcome): Promise<void> {
    await db.query(
      'INSERT INTO play_outcomes (portal_id, company_id, play, status, outcome, note, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [portalId, outcome.companyId, outcome.play, outcome.status, outcome.outcome, outcome.note, outcome.recordedAt],
    );
  },

  /** Each company's recorded outcomes, oldest first, as the scoring engine reads them. */
  async forCompanies(portalId: number, companyIds?: readonly string[]): Promise<Map<string, PlayOutcome[]>> {
    const rows = await db.query(
      `SELECT company_id, play, status, outcome, recorded_at FROM play_outcomes
       WHERE portal_id = $1 AND ($2::text[] IS NULL OR company_id = ANY($2::text[])) ORDER BY company_id, recorded_at, id`,
      [portalId, companyIds ? [...companyIds] : null],
    );
    const byCompany = new Map<string, PlayOutcome[]>();
    for (const row of rows.map((r) => rowSchema.parse(r))) {
      const list = byCompany.get(row.company_id) ?? [];
      list.push({ play: row.play, status: row.status, outcome: row.outcome, recordedAt: row.recorded_at.toISOString() });
      byCompany.set(row.company_id, list);
    }
    return byCompany;
  },

  /** Play effectiveness for the portfolio page; health 30 or 90 days later stays null until that day has come by `asOf`. */
  async effectiveness(portalId: number, asOf: Date): Promise<PlayEffectiveness[]> {
    const rows = await db.query(
      `SELECT play, status, outcome, count(*) AS count, avg(h0) AS health_at, avg(h30) AS health_30, avg(h90) AS health_90
       FROM (SELECT o.play, o.status, o.outcome, ${healthAt(0)} AS h0, ${healthAt(30)} AS h30, ${healthAt(90)} AS h90
             FROM play_outcomes o WHERE o.portal_id = $1) t
       GROUP BY play, status, outcome ORDER BY play, status, outcome NULLS FIRST`,
      [portalId, asOf],
    );
    return rows.map((r) => effectivenessRowSchema.parse(r));
  },
});
