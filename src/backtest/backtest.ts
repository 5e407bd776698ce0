import type { ScoringConfig } from '../scoring/config.schema.ts';
import { isCustomer } from '../scoring/fit.ts';
import { scoreCompany } from '../scoring/score.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { DAY_MS, toMs } from '../scoring/time.ts';
import { cutSnapshot } from './as-of.ts';
import { backtestMetrics, type BacktestMetrics, type Observation } from './metrics.ts';

export const backtestHorizons = [90, 180] as const;
export type BacktestHorizon = (typeof backtestHorizons)[number];
/** Two years of monthly cutoffs: enough to judge, bounded so a large portal's backtest stays a few scoring passes. */
export const MAX_CUTOFFS = 24;

export type BacktestReport = {
  horizonDays: BacktestHorizon;
  cutoffs: string[];
  overall: BacktestMetrics;
  segments: Array<{ segment: string } & BacktestMetrics>;
  /** Company-cutoff pairs the engine refused (bad data), so the figures say what they were computed on. */
  failed: number;
};

const firstOfMonth = (ms: number) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); };
const previousMonth = (ms: number) => { const d = new Date(ms); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1); };

/**
 * The first of each month whose whole horizon has already passed (a later cutoff would count customers as retained
 * only because their churn has not happened yet), newest first, back to the earliest customer's start.
 */
export const monthlyCutoffs = (now: Date, horizonDays: number, earliest: Date | null, max = MAX_CUTOFFS): Date[] => {
  const cutoffs: Date[] = [];
  const floor = earliest?.getTime() ?? Number.NEGATIVE_INFINITY;
  for (let at = firstOfMonth(now.getTime() - horizonDays * DAY_MS); at >= floor && cutoffs.length < max; at = previousMonth(at)) {
    cutoffs.push(new Date(at));
  }
  return cutoffs;
};

const startOf = (s: CompanySnapshot) => toMs(s.company.contractStartDate) ?? toMs(s.company.createdAt);

/**
 * Scores every customer as it stood at each cutoff (from what was dated before it only) and labels it by whether it
 * churned within the horizon after. Only customers count (the config's customer rule, on today's properties);
 * those not yet started or already gone at a cutoff are not in its sample.
 */
export const runBacktest = (snapshots: readonly CompanySnapshot[], config: ScoringConfig, now: Date, horizonDays: BacktestHorizon): BacktestReport => {
  // Prospects and partners have no churn to predict; the store hands over every synced company.
  const customers = snapshots.filter((s) => isCustomer(s.company.properties, config));
  const starts = customers.map(startOf).filter((ms): ms is number => ms !== null);
  const earliest = starts.length > 0 ? new Date(Math.min(...starts)) : null;
  const cutoffs = monthlyCutoffs(now, horizonDays, earliest);
  const observations: Array<Observation & { segment: string }> = [];
  let failed = 0;
  for (const cutoff of cutoffs) {
    const at = cutoff.getTime();
    for (const snapshot of customers) {
      const start = startOf(snapshot);
      const churnedAt = toMs(snapshot.company.churnedAt);
      if ((start !== null && start > at) || (churnedAt !== null && churnedAt <= at)) continue;
      try {
        const card = scoreCompany(cutSnapshot(snapshot, cutoff), config, cutoff);
        observations.push({
          segment: card.segment,
          health: card.health.score,
          status: card.health.status,
          components: card.health.components,
          churned: churnedAt !== null && churnedAt <= at + horizonDays * DAY_MS,
        });
      } catch {
        failed += 1;
      }
    }
  }
  const segments = [...new Set(observations.map((o) => o.segment))].sort();
  return {
    horizonDays,
    cutoffs: cutoffs.map((c) => c.toISOString().slice(0, 10)),
    overall: backtestMetrics(observations),
    segments: segments.map((segment) => ({ segment, ...backtestMetrics(observations.filter((o) => o.segment === segment)) })),
    failed,
  };
};
