import type { Db, Session } from '../../src/store/db.ts';

/** One committed sync page: how long its transaction took and how many CRM records it upserted. */
export interface PageCost {
  ms: number;
  rows: number;
}

const UPSERT = /INSERT INTO crm_objects/;

/**
 * The store as the sync sees it, timing every transaction and counting the records its upserts carried (the
 * upsert's third parameter is the page as JSON), so the bench can show whether a page's cost grows with the table.
 */
export const timedStore = (db: Db): { db: Db; pages: PageCost[] } => {
  const pages: PageCost[] = [];
  const counting = (tx: Session, page: PageCost): Session => ({
    ...tx,
    query: (sql, params) => {
      if (UPSERT.test(sql) && typeof params?.[2] === 'string') page.rows += (JSON.parse(params[2]) as unknown[]).length;
      return tx.query(sql, params);
    },
  });
  const timed: Db = {
    ...db,
    transaction: async (fn) => {
      const page: PageCost = { ms: 0, rows: 0 };
      const started = performance.now();
      try {
        return await db.transaction((tx) => fn(counting(tx, page)));
      } finally {
        page.ms = performance.now() - started;
        if (page.rows > 0) pages.push(page);
      }
    },
    close: () => db.close(),
  };
  return { db: timed, pages };
};

/** Milliseconds per 100 upserted rows in each sixth of the pages, in the order they were written. */
export const costBySixth = (pages: readonly PageCost[]): number[] => {
  const sixths: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    const slice = pages.slice(Math.floor((i * pages.length) / 6), Math.floor(((i + 1) * pages.length) / 6));
    const rows = slice.reduce((sum, p) => sum + p.rows, 0);
    sixths.push(rows === 0 ? 0 : (slice.reduce((sum, p) => sum + p.ms, 0) / rows) * 100);
  }
  return sixths;
};
