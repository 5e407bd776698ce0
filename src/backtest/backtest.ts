import { churnOf } from '../scoring/churn-signal.ts';
import type { LifecycleStage, ScoringConfig } from '../scoring/config.schema.ts';
import { isCustomer } from '../scoring/fit.ts';
import { scoreCompany } from '../scoring/score.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { DAY_MS, toMs } from '../scoring/time.ts';
import { cutSnapshot } from './as-of.ts';
import { backtestMetrics, type BacktestMetrics, type Observation } from './metrics.ts';
import { runSteps, SCORINGS_PER_STEP, type Steps } from './steps.ts';
import { outcomeHistory, outcomeRates, outcomesWithin, type OutcomeHistory, type OutcomeRates, type Outcomes } from './outcomes.ts';

export const backtestHorizons = [90, 180] as const;
export type BacktestHorizon = (typeof backtestHorizons)[number];
/** Two years of monthly cutoffs: enough to judge, bounded so a large portal's backtest stays a few scoring passes. */
export const MAX_CUTOFFS = 24;

/** The figures of one sample: how the score ranked churn, and how often each outcome happened. */
export type SampleReport = BacktestMetrics & { outcomes: OutcomeRates };

export type BacktestReport = {
  horizonDays: BacktestHorizon;
  cutoffs: string[];
  overall: SampleReport;
  segments: Array<{ segment: string } & SampleReport>;
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

/** One customer at one cutoff: the card's figures, the outcomes after it, and where it came from (for a rescore). */
export type BacktestObservation = Observation & { segment: string; stage: LifecycleStage; outcomes: Outcomes; cutoff: number; snapshot: number };

export type ObservationRun = { cutoffs: Date[]; observations: BacktestObservation[]; failed: number; customers: CompanySnapshot[] };

/**
 * Scores every customer as it stood at each cutoff (from what was dated before it only) and labels what happened
 * within the horizon after. Only customers count (the config's customer rule on today's properties, or a churn
 * found); those not yet started or already gone at a cutoff are not in its sample.
 */
export const collectObservations = (snapshots: readonly CompanySnapshot[], config: ScoringConfig, now: Date, horizonDays: BacktestHorizon): ObservationRun =>
  runSteps(observationSteps(snapshots, config, now, horizonDays));

/** One customer in a cutoff's sample, with the outcome history its label is read from. */
export type SampleMember = { cutoff: Date; at: number; index: number; snapshot: CompanySnapshot; history: OutcomeHistory };

/**
 * Who a backtest judges at which cutoff. Prospects and partners have no churn to predict; the store hands over every
 * synced company. One that churned counts whatever its stage says today: a portal that moves churned companies off
 * "customer" would otherwise hide from the backtest the very customers it is about.
 */
export const backtestSample = (snapshots: readonly CompanySnapshot[], config: ScoringConfig, now: Date, horizonDays: number) => {
  const customers = snapshots.filter((s) => isCustomer(s.company.properties, config) || churnOf(s, config) !== null);
  const starts = customers.map(startOf).filter((ms): ms is number => ms !== null);
  const earliest = starts.length > 0 ? new Date(Math.min(...starts)) : null;
  const cutoffs = monthlyCutoffs(now, horizonDays, earliest);
  const histories = customers.map((s) => outcomeHistory(s, config));
  function* members(): Generator<SampleMember> {
    for (const cutoff of cutoffs) {
      const at = cutoff.getTime();
      for (const [index, snapshot] of customers.entries()) {
        const start = startOf(snapshot);
        const history = histories[index]!;
        if ((start !== null && start > at) || (history.churnedAt !== null && history.churnedAt <= at)) continue;
        yield { cutoff, at, index, snapshot, history };
      }
    }
  }
  return { customers, cutoffs, members };
};

export function* observationSteps(snapshots: readonly CompanySnapshot[], config: ScoringConfig, now: Date, horizonDays: BacktestHorizon): Steps<ObservationRun> {
  const { customers, cutoffs, members } = backtestSample(snapshots, config, now, horizonDays);
  const observations: BacktestObservation[] = [];
  let failed = 0;
  let scored = 0;
  for (const { cutoff, at, index, snapshot, history } of members()) {
    scored += 1;
    if (scored % SCORINGS_PER_STEP === 0) yield;
    try {
      const card = scoreCompany(cutSnapshot(snapshot, cutoff), config, cutoff);
      const outcomes = outcomesWithin(history, at, horizonDays);
      observations.push({
        segment: card.segment,
        stage: card.lifecycleStage,
        health: card.health.score,
        status: card.health.status,
        components: card.health.components,
        churned: outcomes.churned,
        outcomes,
        cutoff: at,
        snapshot: index,
      });
    } catch {
      failed += 1;
    }
  }
  return { cutoffs, observations, failed, customers };
}

/** Several runs as one sample (the emulator's seeds), each observation pointing at its customer in the pooled list. */
export const poolRuns = (runs: ReadonlyArray<ObservationRun>): Pick<ObservationRun, 'observations' | 'customers'> => {
  const customers: CompanySnapshot[] = [];
  const observations: BacktestObservation[] = [];
  for (const run of runs) {
    const offset = customers.length;
    customers.push(...run.customers);
    observations.push(...run.observations.map((o) => ({ ...o, snapshot: o.snapshot + offset })));
  }
  return { observations, customers };
};

export const sampleReport = (observations: ReadonlyArray<BacktestObservation>): SampleReport =>
  ({ ...backtestMetrics(observations), outcomes: outcomeRates(observations.map((o) => o.outcomes)) });

export const segmentReports = (observations: ReadonlyArray<BacktestObservation>): Array<{ segment: string } & SampleReport> =>
  [...new Set(observations.map((o) => o.segment))].sort()
    .map((segment) => ({ segment, ...sampleReport(observations.filter((o) => o.segment === segment)) }));

export const runBacktest = (snapshots: readonly CompanySnapshot[], config: ScoringConfig, now: Date, horizonDays: BacktestHorizon): BacktestReport =>
  backtestReport(collectObservations(snapshots, config, now, horizonDays), horizonDays);

export const backtestReport = ({ cutoffs, observations, failed }: ObservationRun, horizonDays: BacktestHorizon): BacktestReport => {
  return {
    horizonDays,
    cutoffs: cutoffs.map((c) => c.toISOString().slice(0, 10)),
    overall: sampleReport(observations),
    segments: segmentReports(observations),
    failed,
  };
};
