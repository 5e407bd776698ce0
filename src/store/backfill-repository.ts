import { z } from 'zod';
import type { Queryable } from './db.ts';

const runRowSchema = z.object({
  portal_id: z.coerce.number().int(),
  anchor_at: z.coerce.date(),
  points: z.coerce.number().int(),
  interval_days: z.coerce.number().int(),
  status: z.enum(['running', 'done']),
  companies_total: z.coerce.number().int(),
  companies_done: z.coerce.number().int(),
  cards_stored: z.coerce.number().int(),
  last_company_id: z.string().nullable(),
  started_at: z.coerce.date(),
  updated_at: z.coerce.date(),
  finished_at: z.coerce.date().nullable(),
});

export interface BackfillRun {
  portalId: number;
  /** The points are anchorAt minus 1..points intervals: fixed when the run starts, so a resumed run scores the same ones. */
  anchorAt: Date;
  points: number;
  intervalDays: number;
  status: 'running' | 'done';
  companiesTotal: number;
  companiesDone: number;
  cardsStored: number;
  /** Companies go in id order; every company up to this one has all its cards stored. */
  lastCompanyId: string | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const toRun = (row: unknown): BackfillRun => {
  const r = runRowSchema.parse(row);
  return {
    portalId: r.portal_id, anchorAt: r.anchor_at, points: r.points, intervalDays: r.interval_days, status: r.status,
    companiesTotal: r.companies_total, companiesDone: r.companies_done, cardsStored: r.cards_stored,
    lastCompanyId: r.last_company_id, startedAt: r.started_at, updatedAt: r.updated_at, finishedAt: r.finished_at,
  };
};

const columns = `portal_id, anchor_at, points, interval_days, status, companies_total, companies_done, cards_stored,
  last_company_id, started_at, updated_at, finished_at`;

/** The portal's one backfill: its anchor, its checkpoint (last company done) and its progress for sync-status. */
export const backfillRepository = (db: Queryable) => ({
  async get(portalId: number): Promise<BackfillRun | null> {
    const rows = await db.query(`SELECT ${columns} FROM backfill_runs WHERE portal_id = $1`, [portalId]);
    return rows[0] ? toRun(rows[0]) : null;
  },

  /** The portal's run, started now with these points unless one exists already (a resume, or a finished run). */
  async begin(portalId: number, plan: { anchorAt: Date; points: number; intervalDays: number }): Promise<BackfillRun> {
    await db.query(
      `INSERT INTO backfill_runs (portal_id, anchor_at, points, interval_days, status, started_at, updated_at)
       VALUES ($1, $2, $3, $4, 'running', $2, $2) ON CONFLICT (portal_id) DO NOTHING`,
      [portalId, plan.anchorAt, plan.points, plan.intervalDays],
    );
    const run = await this.get(portalId);
    if (!run) throw new Error(`backfill run of portal ${portalId} vanished as it began`);
    return run;
  },

  /** Companies still to backfill after the checkpoint, in the store's id order (its collation, the checkpoint's too). */
  async companiesAfter(portalId: number, lastCompanyId: string | null): Promise<{ remaining: string[]; total: number }> {
    const [rows, counted] = await Promise.all([
      db.query<{ id: string }>(
        `SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies'
           AND ($2::text IS NULL OR object_id > $2) ORDER BY object_id`,
        [portalId, lastCompanyId],
      ),
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies'`, [portalId]),
    ]);
    return { remaining: rows.map((r) => r.id), total: counted[0]?.n ?? 0 };
  },

  /** The checkpoint: call in the transaction that stored these companies' cards. */
  async advance(portalId: number, step: { lastCompanyId: string; companies: number; cards: number; total: number; at: Date }): Promise<void> {
    await db.query(
      `UPDATE backfill_runs SET last_company_id = $2, companies_done = companies_done + $3, cards_stored = cards_stored + $4,
         companies_total = $5, updated_at = $6 WHERE portal_id = $1`,
      [portalId, step.lastCompanyId, step.companies, step.cards, step.total, step.at],
    );
  },

  async finish(portalId: number, at: Date, total: number): Promise<void> {
    await db.query(
      `UPDATE backfill_runs SET status = 'done', finished_at = $2, updated_at = $2, companies_total = $3 WHERE portal_id = $1`,
      [portalId, at, total],
    );
  },
});
