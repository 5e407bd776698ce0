import { snapshotAsOf } from '../scoring/churn.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { toMs } from '../scoring/time.ts';

/**
 * The snapshot as the score could have seen it at `cutoff`, for a backtest. On top of the engine's own as-of view
 * (later events dropped, tickets reopened, churn cleared), it drops contacts created after the cutoff and the
 * portal's current-only usage properties even when there is no usage series: today's active users say nothing
 * about last spring, and keeping them would hand the score its answer.
 */
export const cutSnapshot = (snapshot: CompanySnapshot, cutoff: Date): CompanySnapshot => {
  const at = cutoff.getTime();
  const past = snapshotAsOf(snapshot, at);
  return {
    ...past,
    company: { ...past.company, activeUsers30d: null, keyFeaturesUsed: null },
    contacts: past.contacts.filter((c) => { const created = toMs(c.createdAt); return created === null || created <= at; }),
  };
};
