import type { Db } from './db.ts';

/**
 * PGlite runs no autovacuum, so its tables are never analysed on their own and the planner keeps guessing from an
 * empty table: lookups turn into merge joins over every stored row. A full sync calls this after each phase.
 * PostgreSQL's autovacuum does the same job there.
 */
export const refreshPlannerStatistics = async (db: Db): Promise<void> => {
  if (db.kind === 'pglite') await db.query('ANALYZE crm_objects, crm_associations');
};
