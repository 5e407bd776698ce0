import type { FitCriterion, ScoringConfig } from '../../scoring/config.schema.ts';
import { scoreFit } from '../../scoring/fit.ts';
import type { Db } from '../../store/db.ts';
import { customerPropertiesRepository } from '../../store/customer-properties-repository.ts';

export interface FitCounts {
  customers: number;
  /** Per rule, in the draft's order: how many customers it matches. */
  good: number[];
  bad: number[];
  /** How many customers the whole draft makes good, stretch and bad fits. */
  fit: { good: number; stretch: number; bad: number };
}

// One rule alone as the only good rule: scoreFit says "good" exactly when that rule matches, so the count uses
// the scoring's own reading of values (missing never matches, numbers parsed as scoring parses them).
const matches = (properties: Record<string, string | null>, config: ScoringConfig, criterion: FitCriterion): boolean =>
  scoreFit(properties, { ...config, fit: { ...config.fit, good: [criterion], bad: [] } }).value === 'good';

/** The live counts beside each rule of the settings page's fit builder, over the portal's synced customers. */
export const countFit = async (db: Db, portalId: number, draft: ScoringConfig): Promise<FitCounts> => {
  const counts: FitCounts = { customers: 0, good: draft.fit.good.map(() => 0), bad: draft.fit.bad.map(() => 0), fit: { good: 0, stretch: 0, bad: 0 } };
  const names = [...draft.fit.good, ...draft.fit.bad].map((c) => c.property);
  for await (const page of customerPropertiesRepository(db).pages(portalId, draft.customerFilter, names)) {
    for (const properties of page) {
      counts.customers += 1;
      draft.fit.good.forEach((c, i) => { if (matches(properties, draft, c)) counts.good[i] = (counts.good[i] ?? 0) + 1; });
      draft.fit.bad.forEach((c, i) => { if (matches(properties, draft, c)) counts.bad[i] = (counts.bad[i] ?? 0) + 1; });
      counts.fit[scoreFit(properties, draft).value] += 1;
    }
  }
  return counts;
};
