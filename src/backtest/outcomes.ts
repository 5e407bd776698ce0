import type { ScoringConfig } from '../scoring/config.schema.ts';
import { churnOf } from '../scoring/churn-signal.ts';
import { classifyDeals, type ClassifiedDeal } from '../scoring/deal-kinds.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { DAY_MS } from '../scoring/time.ts';

export const outcomeKinds = ['churned', 'contracted', 'renewed', 'expanded'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
/** What happened to a customer within the horizon after a cutoff. Not exclusive: a customer can expand and renew. */
export type Outcomes = Record<OutcomeKind, boolean>;

/** A customer's commercial history, read once and labelled at every cutoff. */
export type OutcomeHistory = { churnedAt: number | null; won: ReadonlyArray<Pick<ClassifiedDeal, 'at' | 'kind'>> };

/**
 * The standard records an outcome is read from: churn as scoring reads it (churnOf: a lost renewal, the lifecycle
 * stage leaving customer, or a mapped churn date), and the closed-won deals with
 * their commercial kind (a stock portal's `existingbusiness` deal is a renewal, expansion or contraction by its amount
 * against the previous won one: src/scoring/deal-kinds.ts).
 */
export const outcomeHistory = (snapshot: CompanySnapshot, config: ScoringConfig): OutcomeHistory => ({
  churnedAt: churnOf(snapshot, config)?.at ?? null,
  won: classifyDeals(snapshot.deals, config).filter((d) => d.isClosedWon && d.at !== null),
});

const wonWithin = (history: OutcomeHistory, kind: ClassifiedDeal['kind'], from: number, to: number) =>
  history.won.some((d) => d.kind === kind && d.at! > from && d.at! <= to);

/** The outcomes dated after the cutoff and no later than the horizon's end. */
export const outcomesWithin = (history: OutcomeHistory, cutoff: number, horizonDays: number): Outcomes => {
  const end = cutoff + horizonDays * DAY_MS;
  return {
    churned: history.churnedAt !== null && history.churnedAt > cutoff && history.churnedAt <= end,
    contracted: wonWithin(history, 'contraction', cutoff, end),
    renewed: wonWithin(history, 'renewal', cutoff, end),
    expanded: wonWithin(history, 'expansion', cutoff, end),
  };
};

export type OutcomeRates = Record<OutcomeKind, number | null>;

/** The share of customer-cutoffs with each outcome (null on an empty sample). */
export const outcomeRates = (labels: ReadonlyArray<Outcomes>): OutcomeRates =>
  Object.fromEntries(outcomeKinds.map((kind) => [kind, labels.length === 0 ? null : labels.filter((l) => l[kind]).length / labels.length])) as OutcomeRates;
