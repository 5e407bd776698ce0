import type { ScoringConfig } from './config.schema.ts';
import type { SnapshotDeal } from './snapshot.schema.ts';
import { DAY_MS, toMs } from './time.ts';

export type DealKind = 'new_business' | 'renewal' | 'expansion' | 'contraction' | 'other';
/** The customer's contract value (last won contract plus the upsells won since) just before and just after this deal. */
export type ClassifiedDeal = SnapshotDeal & { at: number | null; kind: DealKind; how: string; contractBefore: number | null; contractAfter: number | null };

const byType = ['renewal', 'expansion', 'contraction'] as const;

const money = (amount: number): string => Math.round(amount).toLocaleString('en-US');

/**
 * Existing business judged by its amount: the increment itself, or the contract value against the current contract
 * (a deal far below it is an upsell logged at its own value). Also says what the contract is after the deal if won.
 */
const existingKind = (
  deal: SnapshotDeal, contract: number | null, firstSigned: number | null, config: ScoringConfig,
): { kind: DealKind; how: string; increment: boolean; keepsContract?: true } => {
  const { amountMeans, flatWithin, incrementBelow } = config.deals;
  const amount = deal.amount;
  if (amount === null) return { kind: 'renewal', how: 'existing business without an amount', increment: false };
  if (amountMeans === 'change') {
    const kind: DealKind = amount > 0 ? 'expansion' : amount < 0 ? 'contraction' : 'renewal';
    return { kind, how: `existing business changing the contract by ${money(amount)}`, increment: true };
  }
  if (contract === null || contract <= 0) return { kind: 'renewal', how: 'existing business with no earlier won amount', increment: false };
  if (amount < contract * incrementBelow) return { kind: 'expansion', how: `existing business adding ${money(amount)} to ${money(contract)}`, increment: true };
  const within = (value: number) => Math.abs(amount - value) <= value * flatWithin;
  // Renewal deals are often created by a workflow that copies the first deal's amount, whatever upsells or downgrades
  // came since: an amount repeating the first-signed value tells of neither growth nor a cut.
  if (firstSigned !== null && !within(contract) && within(firstSigned)) {
    return { kind: 'renewal', how: `existing business repeating the first-signed ${money(firstSigned)}, contract ${money(contract)} kept`, increment: false, keepsContract: true };
  }
  const kind: DealKind = amount > contract * (1 + flatWithin) ? 'expansion' : amount < contract * (1 - flatWithin) ? 'contraction' : 'renewal';
  return { kind, how: `existing business, ${money(amount)} against ${money(contract)} before`, increment: false };
};

const classify = (deals: readonly SnapshotDeal[], config: ScoringConfig): ClassifiedDeal[] => {
  const c = config.deals;
  const ordered = deals.map((d) => ({ deal: d, at: toMs(d.closeDate) }))
    .sort((a, b) => (a.at ?? Number.POSITIVE_INFINITY) - (b.at ?? Number.POSITIVE_INFINITY) || a.deal.id.localeCompare(b.deal.id));
  let contract: number | null = null;
  // The first won contract value: what a renewal deal copied from the first deal repeats.
  let firstSigned: number | null = null;
  return ordered.map(({ deal, at }) => {
    const type = deal.dealType ?? '';
    const pipeline = byType.find((kind) => deal.pipeline != null && c.pipelines[kind].includes(deal.pipeline));
    const typed = byType.find((kind) => c[kind].includes(type));
    const judged: { kind: DealKind; how: string; increment?: boolean; keepsContract?: true } = pipeline ? { kind: pipeline, how: `pipeline ${deal.pipeline}` }
      : typed ? { kind: typed, how: `${c.typeProperty} ${type}` }
        : (deal.amount ?? 0) < 0 ? { kind: 'contraction', how: 'negative amount', increment: true }
          : c.newBusiness.includes(type) ? { kind: 'new_business', how: `${c.typeProperty} ${type}` }
            : c.existingBusiness.includes(type) ? existingKind(deal, contract, firstSigned, config)
              : { kind: 'other', how: type === '' ? 'no deal type' : `${c.typeProperty} ${type}` };
    const contractBefore = contract;
    if (deal.isClosedWon && deal.amount !== null) {
      const typedUpsell = judged.kind === 'expansion' && contract !== null && c.amountMeans === 'contract_value' && deal.amount < contract * c.incrementBelow;
      if (judged.increment === true || typedUpsell) contract = Math.max(0, (contract ?? 0) + deal.amount);
      else if (judged.keepsContract !== true && deal.amount >= 0) contract = deal.amount;
      if (firstSigned === null && contract !== null && contract > 0) firstSigned = contract;
    }
    return { ...deal, at, kind: judged.kind, how: judged.how, contractBefore, contractAfter: contract };
  });
};

// One score classifies the same deals several times (churn, milestones, the vector, commercial health, plays), and a
// churned customer's three as-of views theirs: the last few lists are remembered. A WeakMap keyed by every list did
// the same at several times the cost, each company's list being a new key.
const recent: { deals: readonly SnapshotDeal[]; config: ScoringConfig; result: readonly ClassifiedDeal[] }[] = [];
const RECENT_LISTS = 4;

/**
 * Each deal's commercial meaning, in close-date order: a pipeline named in the config decides first, then the
 * type property's value, then (for existing business) the amount against the customer's contract: the last won contract value plus the
 * upsells won since. A negative amount is always a contraction.
 */
export const classifyDeals = (deals: readonly SnapshotDeal[], config: ScoringConfig): readonly ClassifiedDeal[] => {
  // Churn, milestones, the vector and commercial health each classify the same deals of a score.
  const known = recent.find((r) => r.deals === deals && r.config === config);
  if (known !== undefined) return known.result;
  const result = classify(deals, config);
  recent.unshift({ deals, config, result });
  if (recent.length > RECENT_LISTS) recent.pop();
  return result;
};

/**
 * The latest deal of this kind won by `now` and at most `withinDays` before it. Deals are in close-date order (see
 * classifyDeals), so the latest is the last one that matches.
 */
export const latestWon = (deals: readonly ClassifiedDeal[], kind: DealKind, now: number, withinDays: number): (ClassifiedDeal & { at: number }) | undefined => {
  for (let i = deals.length - 1; i >= 0; i--) {
    const d = deals[i]!;
    if (d.isClosedWon && d.kind === kind && d.at !== null && d.at <= now && now - d.at <= withinDays * DAY_MS) return d as ClassifiedDeal & { at: number };
  }
  return undefined;
};

/**
 * A deal that is (or was) the customer's renewal rather than an upsell: a renewal value or pipeline, or existing
 * business (typed, or untyped once a contract was won) at least `incrementBelow` of the contract it follows.
 */
export const isRenewalDeal = (deal: ClassifiedDeal, config: ScoringConfig, minShareOfContract = config.deals.incrementBelow): boolean => {
  const c = config.deals;
  const type = deal.dealType ?? '';
  const inPipeline = (kind: (typeof byType)[number]) => deal.pipeline != null && c.pipelines[kind].includes(deal.pipeline);
  if (c.renewal.includes(type) || inPipeline('renewal')) return true;
  if ([...c.expansion, ...c.contraction].includes(type) || inPipeline('expansion') || inPipeline('contraction')) return false;
  const contract = deal.contractBefore;
  if (!(c.existingBusiness.includes(type) || (type === '' && contract !== null))) return false;
  return deal.amount === null || contract === null || deal.amount >= contract * minShareOfContract;
};
