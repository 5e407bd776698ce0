import type { ScoringConfig } from '../scoring/config.schema.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { snapshotFromHubSpot } from '../snapshot/from-hubspot.ts';
import type { Queryable } from '../store/db.ts';
import { snapshotRepository } from '../store/snapshot-repository.ts';

const PAGE = 200;

/** The scoring job's SnapshotSource: customers' snapshots built from the store, a page of companies at a time. */
export const storeSnapshotSource = (db: Queryable) => ({
  async *load(portalId: number, config: ScoringConfig, companyIds?: readonly string[]): AsyncIterable<CompanySnapshot> {
    const store = snapshotRepository(db);
    const ids = companyIds ? [...companyIds] : await store.companyIds(portalId);
    for (let start = 0; start < ids.length; start += PAGE) {
      for (const history of await store.histories(portalId, ids.slice(start, start + PAGE))) yield snapshotFromHubSpot(history, config);
    }
  },
});
