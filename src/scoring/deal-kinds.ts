import type { ScoringConfig } from './config.schema.ts';
import type { SnapshotDeal } from './snapshot.schema.ts';
import { toMs } from './time.ts';

export type DealKind = 'new_business' | 'renewal' | 'expansion' | 'contraction' | 'other';
export type ClassifiedDeal = SnapshotDeal & { at: number | null; kind: DealKind; how: string };

const byType = ['renewal', 'expansion', 'contraction'] as const;

const money = (amount: number): string => Math.round(amount).toLocaleString('en-US');

/** Existing business judged by its amount: the increment itself, or the contract value against the previous won one. */
const existingKind = (deal: SnapshotDeal, previousWon: number | null, config: ScoringConfig): { kind: DealKind; how: string } => {
  const { amountMeans, flatWithin } = config.deals;
  const amount = deal.amount;
  if (amount === null) return { kind: 'renewal', how: 'existing business without an amount' };
  if (amountMeans === 'change') {
    const kind: DealKind = amount > 0 ? 'expansion' : amount < 0 ? 'contraction' : 'renewal';
    return { kind, how: `existing business changing the contract by ${money(amount)}` };
  }
  if (previousWon === null || previousWon <= 0) return { kind: 'renewal', how: 'existing business with no earlier won amount' };
  const kind: DealKind = amount > previousWon * (1 + flatWithin) ? 'expansion' : amount < previousWon * (1 - flatWithin) ? 'contraction' : 'renewal';
  return { kind, how: `existing business, ${money(amount)} against ${money(previousWon)} before` };
};

/**
 * Each deal's commercial meaning, in close-date order: a pipeline named in the config decides first, then the
 * type property's value, then (for existing business) the amount against the customer's previous closed-won amount.
 * A negative amount is always a contraction.
 */
export const classifyDeals = (deals: readonly SnapshotDeal[], config: ScoringConfig): ClassifiedDeal[] => {
  const c = config.deals;
  const ordered = deals.map((d) => ({ deal: d, at: toMs(d.closeDate) }))
    .sort((a, b) => (a.at ?? Number.POSITIVE_INFINITY) - (b.at ?? Number.POSITIVE_INFINITY) || a.deal.id.localeCompare(b.deal.id));
  let previousWon: number | null = null;
  return ordered.map(({ deal, at }) => {
    const type = deal.dealType ?? '';
    const pipeline = byType.find((kind) => deal.pipeline != null && c.pipelines[kind].includes(deal.pipeline));
    const typed = byType.find((kind) => c[kind].includes(type));
    const judged: { kind: DealKind; how: string } = pipeline ? { kind: pipeline, how: `pipeline ${deal.pipeline}` }
      : typed ? { kind: typed, how: `${c.typeProperty} ${type}` }
        : (deal.amount ?? 0) < 0 ? { kind: 'contraction', how: 'negative amount' }
          : c.newBusiness.includes(type) ? { kind: 'new_business', how: `${c.typeProperty} ${type}` }
            : c.existingBusiness.includes(type) ? existingKind(deal, previousWon, config)
              : { kind: 'other', how: type === '' ? 'no deal type' : `${c.typeProperty} ${type}` };
    if (deal.isClosedWon && deal.amount !== null && deal.amount >= 0) previousWon = deal.amount;
    return { ...deal, at, ...judged };
  });
};
