import type { HistoryPage } from '../portal-scoring/score-portal.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { snapshotFromHubSpot } from '../snapshot/from-hubspot.ts';
import type { Queryable } from '../store/db.ts';
import { assembleHistories, snapshotRepository } from '../store/snapshot-repository.ts';

const PAGE = 200;

/**
 * The scoring job's SnapshotSource: customers' snapshots built from the store, a page of companies at a time. The
 * next page is already being read while the caller scores this one (on PostgreSQL the server builds it on the other
 * core instead of the job waiting for it page after page); one page ahead at most, so memory stays bounded.
 */
export const storeSnapshotSource = (db: Queryable, pageSize = PAGE) => {
  const store = snapshotRepository(db);
  async function* pages(portalId: number, companyIds?: readonly string[]): AsyncIterable<HistoryPage> {
    const ids = companyIds ? [...companyIds] : await store.companyIds(portalId);
    const read = (start: number) => {
      const page = store.historyRows(portalId, ids.slice(start, start + pageSize));
      // A caller that stops early never awaits the page read ahead: its failure must not surface as unhandled.
      page.catch(() => undefined);
      return page;
    };
    let next = read(0);
    for (let start = 0; start < ids.length; start += pageSize) {
      const rows = await next;
      if (start + pageSize < ids.length) next = read(start + pageSize);
      yield { companyIds: ids.slice(start, start + pageSize), rows };
    }
  }
  return {
    pages,
    async *load(portalId: number, config: ScoringConfig, companyIds?: readonly string[]): AsyncIterable<CompanySnapshot> {
      for await (const page of pages(portalId, companyIds)) for (const history of assembleHistories(page.rows)) yield snapshotFromHubSpot(history, config);
    },
  };
};
