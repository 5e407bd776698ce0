import type { Db } from './db.ts';

/** A table that grew by this many pages of 100 rows since its last ANALYZE is planned from stale guesses. */
const PAGES_BETWEEN_ANALYZE = 50;

/**
 * PGlite runs no autovacuum, so its tables are never analysed on their own and the planner keeps guessing from an
 * empty table as it grows: a phase's later pages cost several times its first (bench store-growth: 42 to 223 ms a
 * page over 60,000 rows without it). A full sync calls this after each phase and every 50 pages; PostgreSQL's
 * autovacuum does the same job there.
 */
export const refreshPlannerStatistics = async (db: Db): Promise<void> => {
  if (db.kind === 'pglite') await db.query('ANALYZE crm_objects, crm_associations');
};

export const statisticsDue = (pagesWritten: number): boolean => pagesWritten > 0 && pagesWritten % PAGES_BETWEEN_ANALYZE === 0;
