import { componentKeys, type ComponentKey, type HealthStatus, type ScoringConfig } from '../scoring/config.schema.ts';
import { own } from '../scoring/own.ts';
import { scoreCompany } from '../scoring/score.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import { DAY_MS } from '../scoring/time.ts';
import { cutSnapshot } from './as-of.ts';
import { collectObservations, type BacktestHorizon, type BacktestObservation, type ObservationRun } from './backtest.ts';
import { fitLogistic, type LogisticFit } from './logistic.ts';
import { auc, wilsonUpper } from './metrics.ts';
import { refineWeights, scaleWeights, type StageWeights, type Weights } from './refine.ts';
import { runSteps, SCORINGS_PER_STEP, type Steps } from './steps.ts';

/** The share of the newest cutoffs kept aside to judge the fit: the rest, older, is what it is fitted on. */
export const HOLDOUT_SHARE = 1 / 3;
/** Mild: it keeps correlated components (engagement and cadence read the same touches) from trading large opposite coefficients. */
export const L2 = 1;
/** The green threshold proposed is the lowest at which at most this share of the churners would show green. */
export const GREEN_CHURN_TARGET = 0.1;
/**
 * The target is held on the training share's upper one-sided 95% bound, not on the share seen: a threshold fitted to
 * exactly 10% of the training churners lets about half of new samples pass 10% (on the stock S portals, 11.9%).
 */
export const GREEN_BOUND_Z = 1.645;
/** A segment gets bands of its own only with this many training churners and stayers: fewer would fit noise. */
export const MIN_SEGMENT_SAMPLE = 30;

/** What a leader judges a score by, on one sample. */
export type Figures = {
  observations: number;
  churned: number;
  healthAuc: number | null;
  churnedWhileGreen: number | null;
  precisionOfRed: number | null;
  /** The share shown green: a threshold that hides churners by showing nobody green would be no answer. */
  greenShare: number | null;
};

export type { Weights };
export type Thresholds = { green: number; yellow: number };
/** The portal's bands and the segments' own (a segment without its own uses the portal's). */
export type Bands = { status: Thresholds; statusBySegment: Record<string, Thresholds> };

export type PartialHealthConfig = {
  health: {
    components: Record<ComponentKey, { weight: number }>;
    weightsBySegment: Record<string, Weights>;
    /** The stage overrides as refined (the config's keys only), so the dry run scores as the proposal was judged. */
    weightsByStage: StageWeights;
    status: Thresholds;
    statusBySegment: Record<string, Thresholds>;
  };
};

export type CalibrationResult =
  | { ok: false; reason: string }
  | {
    ok: true;
    horizonDays: BacktestHorizon;
    training: { cutoffs: string[] };
    holdout: { cutoffs: string[] };
    fit: LogisticFit;
    current: { weights: Weights; holdout: Figures } & Bands;
    proposed: { weights: Weights; training: Figures; holdout: Figures } & Bands;
    /** The proposal as a partial config, for the settings dry run: never applied by itself. */
    partialConfig: PartialHealthConfig;
  };

type Scored = { health: number; status: HealthStatus; churned: boolean };

const share = (count: number, total: number) => (total === 0 ? null : count / total);

export const figures = (sample: ReadonlyArray<Scored>): Figures => {
  const churned = sample.filter((s) => s.churned);
  const red = sample.filter((s) => s.status === 'red');
  return {
    observations: sample.length,
    churned: churned.length,
    healthAuc: auc(sample.map((s) => ({ risk: 100 - s.health, churned: s.churned }))),
    churnedWhileGreen: share(churned.filter((s) => s.status === 'green').length, churned.length),
    precisionOfRed: share(red.filter((s) => s.churned).length, red.length),
    greenShare: share(sample.filter((s) => s.status === 'green').length, sample.length),
  };
};

const rank: Record<HealthStatus, number> = { red: 0, yellow: 1, green: 2 };
/** A veto caps the status whatever the thresholds say; with both thresholds at 0 the card's status is that cap. */
const capped = (status: HealthStatus, cap: HealthStatus): HealthStatus => (rank[cap] < rank[status] ? cap : status);

type Rescored = { health: number; cap: HealthStatus; churned: boolean; segment: string };
const withBands = (sample: ReadonlyArray<Rescored>, bands: Bands): Scored[] => sample.map((s) => {
  const t = own(bands.statusBySegment, s.segment) ?? bands.status;
  const status: HealthStatus = s.health >= t.green ? 'green' : s.health >= t.yellow ? 'yellow' : 'red';
  return { health: s.health, churned: s.churned, status: capped(status, s.cap) };
});
const only = (status: Thresholds): Bands => ({ status, statusBySegment: {} });

/**
 * Each component's value at the cutoff (0-1), a missing one read as the training mean of that component, so a
 * component without data neither raises nor lowers the odds, as the engine's redistribution of its weight intends.
 */
const featureRows = (observations: ReadonlyArray<BacktestObservation>, means: ReadonlyArray<number>): number[][] =>
  observations.map((o) => componentKeys.map((key, i) => {
    const value = o.components.find((c) => c.key === key)?.value ?? null;
    return value === null ? means[i]! : value / 100;
  }));

const componentMeans = (observations: ReadonlyArray<BacktestObservation>): number[] =>
  componentKeys.map((key) => {
    const values = observations.flatMap((o) => { const v = o.components.find((c) => c.key === key)?.value ?? null; return v === null ? [] : [v / 100]; });
    return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  });

/**
 * Coefficients to the config's weight scale: a component whose higher value lowers the odds of churn gets weight in
 * proportion to that effect; one that raises them (or does nothing) gets none, since health only adds components up.
 * Scaled to the sum of the config's own base weights (less if a weight would pass 1) and rounded to three decimals.
 */
export const weightsFromCoefficients = (coefficients: ReadonlyArray<number>, total: number): Weights | null =>
  scaleWeights(Object.fromEntries(componentKeys.map((key, i) => [key, Math.max(0, -(coefficients[i] ?? 0))])) as Weights, total);

/**
 * Thresholds from the training sample: green is the lowest score at which the share of churners shown green is at
 * most GREEN_CHURN_TARGET on its upper bound (so as many customers as possible stay green within the goal); yellow, at or below green, is the
 * one where red best separates churners (true-positive rate minus false-positive rate, ties to the lower threshold).
 */
export const chooseThresholds = (sample: ReadonlyArray<Rescored>): Thresholds => {
  const churners = sample.filter((s) => s.churned).length;
  const stayers = sample.length - churners;
  // At threshold g the churners shown green are those scoring g or more that no veto holds below green.
  const greenable = sample.filter((s) => s.churned && capped('green', s.cap) === 'green').map((s) => s.health);
  const greenChurnersAt = (g: number) => greenable.filter((h) => h >= g).length;
  // With too few churners even none green cannot bound the share under the target: green then starts above the
  // highest-scoring churner, the lowest bar a sample that small can justify.
  let green = Math.min(100, Math.floor(greenable.reduce((a, b) => Math.max(a, b), -1)) + 1);
  for (let g = 0; g <= 100; g += 1) {
    if (wilsonUpper(greenChurnersAt(g), churners, GREEN_BOUND_Z) <= GREEN_CHURN_TARGET) { green = g; break; }
  }
  let yellow = 0;
  let best = Number.NEGATIVE_INFINITY;
  for (let y = 0; y <= green; y += 1) {
    const scored = withBands(sample, only({ green, yellow: y }));
    const redChurners = scored.filter((s) => s.status === 'red' && s.churned).length;
    const redStayers = scored.filter((s) => s.status === 'red' && !s.churned).length;
    const j = (churners === 0 ? 0 : redChurners / churners) - (stayers === 0 ? 0 : redStayers / stayers);
    if (j > best) { best = j; yellow = y; }
  }
  return { green, yellow };
};

/**
 * The portal's bands from the whole training sample, and a segment's own where it has enough churners and stayers
 * to fit them: segments whose customers score differently (a large account has more touches to read) then get bars
 * that mean the same risk. A segment that had bands in the config and gets none now is restated with the portal's,
 * since a partial config merges key by key and would otherwise keep the old ones.
 */
export const proposeBands = (training: ReadonlyArray<Rescored>, config: ScoringConfig): Bands => {
  const status = chooseThresholds(training);
  const statusBySegment: Record<string, Thresholds> = Object.fromEntries(Object.keys(config.health.statusBySegment).map((segment) => [segment, status]));
  for (const segment of new Set(training.map((s) => s.segment))) {
    const sample = training.filter((s) => s.segment === segment);
    const churners = sample.filter((s) => s.churned).length;
    if (churners >= MIN_SEGMENT_SAMPLE && sample.length - churners >= MIN_SEGMENT_SAMPLE) statusBySegment[segment] = chooseThresholds(sample);
  }
  return { status, statusBySegment };
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Proposes component weights and status thresholds fitted on the portal's own outcomes, judged on a time-split
 * holdout: the newest third of the cutoffs is set aside, and the fit only sees older cutoffs whose whole horizon
 * ended before the first held-out one (so no training label reads an outcome from the holdout's period). The
 * proposed weights are judged by rescoring with the engine itself, not by a formula beside it.
 */
export const calibrate = (snapshots: readonly CompanySnapshot[], config: ScoringConfig, now: Date, horizonDays: BacktestHorizon): CalibrationResult =>
  runSteps(calibrationOfRun(collectObservations(snapshots, config, now, horizonDays), config, horizonDays));

/** The calibration of a backtest's observations, split by time. */
export function* calibrationOfRun(run: Pick<ObservationRun, 'observations' | 'customers'>, config: ScoringConfig, horizonDays: BacktestHorizon): Steps<CalibrationResult> {
  const side = timeSplit(run.observations, horizonDays);
  if (side === null) return { ok: false, reason: 'too few cutoffs for a time split: the oldest cutoffs\' horizons must end before the newest third of the cutoffs begins' };
  return yield* calibrationSteps(run.observations.filter((o) => side(o) === 'training'), run.observations.filter((o) => side(o) === 'holdout'), run.customers, config, horizonDays);
}

/** The fit and its judgement on samples split by the caller (by time for a portal; by portal for the emulator's floors). */
export const calibrateOn = (
  training: ReadonlyArray<BacktestObservation>,
  holdout: ReadonlyArray<BacktestObservation>,
  customers: ReadonlyArray<CompanySnapshot>,
  config: ScoringConfig,
  horizonDays: BacktestHorizon,
): CalibrationResult => runSteps(calibrationSteps(training, holdout, customers, config, horizonDays));

function* calibrationSteps(
  training: ReadonlyArray<BacktestObservation>,
  holdout: ReadonlyArray<BacktestObservation>,
  customers: ReadonlyArray<CompanySnapshot>,
  config: ScoringConfig,
  horizonDays: BacktestHorizon,
): Steps<CalibrationResult> {
  const trainingChurned = training.filter((o) => o.churned).length;
  if (trainingChurned === 0 || trainingChurned === training.length) return { ok: false, reason: `the training cutoffs have ${trainingChurned === 0 ? 'no churn' : 'only churn'} to learn from (${training.length} customer-cutoffs)` };
  if (holdout.length === 0) return { ok: false, reason: 'no customer-cutoff in the holdout to judge on' };

  const means = componentMeans(training);
  const fit = fitLogistic(featureRows(training, means), training.map((o) => o.churned), { l2: L2 });
  const total = componentKeys.reduce((sum, key) => sum + config.health.components[key].weight, 0);
  const fitted = weightsFromCoefficients(fit.coefficients, total > 0 ? total : 1);
  if (fitted === null) return { ok: false, reason: 'no component ranks churn in the training cutoffs: every coefficient points the wrong way or is zero' };
  const { weights, stageWeights } = yield* refineWeights(training, config, fitted, total > 0 ? total : 1);

  const weighted = withWeights(config, weights, stageWeights);
  // Both thresholds at 0: every card is green unless a veto caps it, so its status is the cap.
  const probe: ScoringConfig = { ...weighted, health: { ...weighted.health, status: { green: 0, yellow: 0 }, statusBySegment: {} } };
  const rescore = (o: BacktestObservation): Rescored => {
    const cutoff = new Date(o.cutoff);
    const card = scoreCompany(cutSnapshot(customers[o.snapshot]!, cutoff), probe, cutoff);
    return { health: card.health.score, cap: card.health.status, churned: o.churned, segment: card.segment };
  };
  function* rescoreAll(sample: ReadonlyArray<BacktestObservation>): Steps<Rescored[]> {
    const out: Rescored[] = [];
    for (const o of sample) {
      out.push(rescore(o));
      if (out.length % SCORINGS_PER_STEP === 0) yield;
    }
    return out;
  }
  const trainingRescored = yield* rescoreAll(training);
  const holdoutRescored = yield* rescoreAll(holdout);
  const bands = proposeBands(trainingRescored, config);
  const partialConfig: PartialHealthConfig = {
    health: {
      components: Object.fromEntries(componentKeys.map((key) => [key, { weight: weights[key] }])) as PartialHealthConfig['health']['components'],
      weightsBySegment: weighted.health.weightsBySegment as Record<string, Weights>,
      weightsByStage: stageWeights,
      ...bands,
    },
  };
  const cutoffsOf = (sample: ReadonlyArray<BacktestObservation>) => [...new Set(sample.map((o) => o.cutoff))].sort((a, b) => a - b).map(isoDay);
  return {
    ok: true,
    horizonDays,
    training: { cutoffs: cutoffsOf(training) },
    holdout: { cutoffs: cutoffsOf(holdout) },
    fit,
    current: {
      weights: Object.fromEntries(componentKeys.map((key) => [key, config.health.components[key].weight])) as Weights,
      status: config.health.status,
      statusBySegment: config.health.statusBySegment,
      holdout: figures(holdout),
    },
    proposed: {
      weights,
      ...bands,
      training: figures(withBands(trainingRescored, bands)),
      holdout: figures(withBands(holdoutRescored, bands)),
    },
    partialConfig,
  };
}

/**
 * The fitted weights everywhere: as the base weights and in place of each segment's overrides, which would otherwise
 * put back the weights the fit replaced for that segment (a partial config merges key by key, so the overrides are
 * restated in full rather than removed). Stage overrides keep their keys (they say how to read a customer still
 * onboarding), with the values the refinement gave them.
 */
export const withWeights = (config: ScoringConfig, weights: Weights, weightsByStage: StageWeights = config.health.weightsByStage): ScoringConfig => ({
  ...config,
  health: {
    ...config.health,
    weightsByStage,
    components: Object.fromEntries(componentKeys.map((key) => [key, { ...config.health.components[key], weight: weights[key] }])) as ScoringConfig['health']['components'],
    weightsBySegment: Object.fromEntries(Object.keys(config.health.weightsBySegment).map((segment) => [segment, { ...weights }])),
  },
});

/** Newest third of the cutoffs held out; training is the older cutoffs whose horizon ends by the first held-out one. */
export const timeSplit = (observations: ReadonlyArray<BacktestObservation>, horizonDays: number): ((o: BacktestObservation) => 'training' | 'holdout' | null) | null => {
  const cutoffs = [...new Set(observations.map((o) => o.cutoff))].sort((a, b) => a - b);
  if (cutoffs.length < 2) return null;
  const holdoutFrom = cutoffs[cutoffs.length - Math.max(1, Math.round(cutoffs.length * HOLDOUT_SHARE))]!;
  const trainingUntil = holdoutFrom - horizonDays * DAY_MS;
  if (cutoffs[0]! > trainingUntil) return null;
  return (o) => (o.cutoff >= holdoutFrom ? 'holdout' : o.cutoff <= trainingUntil ? 'training' : null);
};
