import type { ScoringConfig } from './config.schema.ts';
import { classifyDeals, isRenewalDeal } from './deal-kinds.ts';
import { compilePattern } from './pattern.ts';
import type { CompanySnapshot } from './snapshot.schema.ts';
import { toMs } from './time.ts';

export type ChurnSource = 'property' | 'lost_renewal' | 'lifecycle';

/** When and why a customer left, and which signal said so. */
export interface ChurnSignal { at: number; reason: string; source: ChurnSource }

/** A lost deal's free text as a reason code the config names (acquired, shutdown...), else the text itself. */
const reasonCode = (text: string | null | undefined, config: ScoringConfig): string => {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return 'unknown';
  const match = Object.entries(config.churn.reasonPatterns).find(([, source]) => compilePattern(source).test(trimmed));
  return match ? match[0] : trimmed.toLowerCase();
};

/**
 * The last renewal the customer lost with no deal won after it. Untyped deals after a won one count as existing
 * business (a stock portal leaves one deal in ten untyped); a lost deal much smaller than the contract it follows
 * is a lost upsell, not the renewal.
 */
const lostRenewal = (snapshot: CompanySnapshot, config: ScoringConfig): ChurnSignal | null => {
  const { enabled, minShareOfContract } = config.churn.lostRenewal;
  if (!enabled) return null;
  let lost: ChurnSignal | null = null;
  for (const deal of classifyDeals(snapshot.deals, config)) {
    if (deal.at === null || !deal.isClosed) continue;
    if (deal.isClosedWon) {
      lost = null;
      continue;
    }
    if (isRenewalDeal(deal, config, minShareOfContract)) lost = { at: deal.at, reason: reasonCode(deal.lostReason, config), source: 'lost_renewal' };
  }
  return lost;
};

/**
 * Whether and when a customer churned, from the first signal that says so: the portal's mapped churn date, else the
 * earlier of a lost renewal and the lifecycle stage leaving the customer stages. Shared by scoring and the backtest
 * so both judge churn alike.
 */
export const churnOf = (snapshot: CompanySnapshot, config: ScoringConfig): ChurnSignal | null => {
  const { company } = snapshot;
  const mapped = toMs(company.churnedAt);
  if (mapped !== null) return { at: mapped, reason: company.churnReason?.trim() || 'unknown', source: 'property' };
  const renewal = lostRenewal(snapshot, config);
  const exited = toMs(company.customerUntil ?? null);
  const lifecycle: ChurnSignal | null = exited === null ? null : { at: exited, reason: company.churnReason?.trim() || 'unknown', source: 'lifecycle' };
  if (renewal === null) return lifecycle;
  if (lifecycle === null) return renewal;
  return lifecycle.at < renewal.at ? { ...lifecycle, reason: renewal.reason } : renewal;
};
