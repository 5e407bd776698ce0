import type { ScoringConfig } from '../scoring/config.schema.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { snapshotFromHubSpot } from '../snapshot/from-hubspot.ts';
import type { Queryable } from '../store/db.ts';
import { snapshotRepository } from '../store/snapshot-repository.ts';

const PAGE = 200;

/**
 * The scoring job's SnapshotSource: customers' snapshots built from the store, a page of companies at a time. The
 * next page is already being read while the caller scores this one (on PostgreSQL the server builds it on the other
 * core instead of the job waiting for it page after page); one page ahead at most, so memory stays bounded.
 */
export const storeSnapshotSource = (db: Queryable) => ({
  async *load(portalId: number, config: ScoringConfig, companyIds?: readonly string[]): AsyncIterable<CompanySnapshot> {
    const store = snapshotRepository(db);
    const ids = companyIds ? [...companyIds] : await store.companyIds(portalId);
    const read = (start: number) => {
      const page = store.histories(portalId, ids.slice(start, start + PAGE));
      // A caller that stops early never awaits the page read ahead: its failure must not surface as unhandled.
      page.catch(() => undefined);
      return page;
    };
    let next = read(0);
    for (let start = 0; start < ids.length; start += PAGE) {
      const histories = await next;
      if (start + PAGE < ids.length) next = read(start + PAGE);
      for (const history of histories) yield snapshotFromHubSpot(history, config);
    }
  },
});
