import type { Db } from './db.ts';

/** Below this many rows written, the planner's guesses cost nothing worth an ANALYZE. */
const FIRST_ANALYZE_AT_ROWS = 2_000;

// Every column a query filters or joins on; the properties jsonb is left out: its statistics (whole-document MCVs)
// help no plan, and detoasting a 30,000-row sample of it was most of an ANALYZE's cost.
const STATEMENT = 'ANALYZE crm_objects (portal_id, object_type, object_id, archived, hs_updated_at, synced_at), crm_associations';

export interface PlannerStatistics {
  /** Called after each commit with the rows the run has written so far; analyses when they have doubled. */
  afterWrites(rowsWritten: number): Promise<void>;
  /** Once the run's writes are done, for the reads that follow (snapshot assembly). */
  refresh(): Promise<void>;
}

/**
 * PGlite runs no autovacuum, so its tables are never analysed on their own, and a table the planner last saw empty is
 * planned as empty however large it grows (bench store-growth: 42 to 223 ms a page over 60,000 rows without it).
 * Once analysed, PostgreSQL scales the stored row density by the table's current size, so the plans stay right as
 * the table grows: an ANALYZE each time a run's rows double (a dozen at XL) keeps them so, where one every 50 pages
 * cost half of an M sync's store time. PostgreSQL's autovacuum does this job there.
 */
export const plannerStatistics = (db: Db): PlannerStatistics => {
  let nextAtRows = FIRST_ANALYZE_AT_ROWS;
  const refresh = async (): Promise<void> => {
    if (db.kind === 'pglite') await db.query(STATEMENT);
  };
  return {
    async afterWrites(rowsWritten) {
      if (rowsWritten < nextAtRows) return;
      nextAtRows = rowsWritten * 2;
      await refresh();
    },
    refresh,
  };
};
