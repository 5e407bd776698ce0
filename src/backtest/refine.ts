import { componentKeys, lifecycleStages, type ComponentKey, type LifecycleStage, type ScoringConfig } from '../scoring/config.schema.ts';
import { resolveWeights } from '../scoring/health/weights.ts';
import { auc } from './metrics.ts';
import type { Steps } from './steps.ts';

// The logistic fit is a proxy: it reads a missing component as its mean, and knows nothing of the engine spreading a
// missing weight over the components present, nor of a lifecycle stage's own weights (onboarding weighs milestones
// more), which put a stage's customers on another scale than the rest. Health is that blend, so the weights are then
// refined on the blend itself: coordinate ascent on the training AUC of the health the engine would compute from
// each customer-cutoff's components, starting from the fit's weights and the config's stage weights.

export type Weights = Record<ComponentKey, number>;
export type StageWeights = Partial<Record<LifecycleStage, Partial<Weights>>>;
/** What refining needs of one training customer-cutoff. */
export type BlendRow = { segment: string; stage: LifecycleStage; components: ReadonlyArray<{ key: string; value: number | null }>; churned: boolean };
export type Refined = { weights: Weights; stageWeights: StageWeights; trainingAuc: number };

/** Each try scales one base weight by one of these (0 drops it), the others rescaled to the same sum. */
const FACTORS = [0, 0.5, 0.8, 1.25, 2] as const;
/** A move must gain at least this much training AUC: smaller gains are noise on these sample sizes. */
const MIN_GAIN = 1e-4;
const MAX_ROUNDS = 4;

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** Weights to the config's scale: summing to `total`, none above 1 (a weight's bound), three decimals. */
export const scaleWeights = (raw: Readonly<Record<ComponentKey, number>>, total: number): Weights | null => {
  const sum = componentKeys.reduce((a, key) => a + raw[key], 0);
  if (sum <= 0) return null;
  const scale = Math.min(total / sum, 1 / Math.max(...componentKeys.map((key) => raw[key])));
  return Object.fromEntries(componentKeys.map((key) => [key, round3(raw[key] * scale)])) as Weights;
};

/** The config with these base and stage weights and no segment override (the proposal restates every override with the base). */
export const withBlendWeights = (config: ScoringConfig, weights: Weights, stageWeights: StageWeights): ScoringConfig => ({
  ...config,
  health: {
    ...config.health,
    components: Object.fromEntries(componentKeys.map((k) => [k, { ...config.health.components[k], weight: weights[k] }])) as ScoringConfig['health']['components'],
    weightsBySegment: {},
    weightsByStage: stageWeights,
  },
});

/** A training row read once: its values in componentKeys order (NaN where missing) and its segment and stage's group. */
type Prepared = { values: Float64Array; group: string; segment: string; stage: LifecycleStage; churned: boolean };
const prepare = (rows: ReadonlyArray<BlendRow>): Prepared[] => rows.map((row) => {
  const values = new Float64Array(componentKeys.length).fill(Number.NaN);
  for (const c of row.components) { const i = componentKeys.indexOf(c.key as ComponentKey); if (i >= 0 && c.value !== null) values[i] = c.value; }
  return { values, group: `${row.segment}\u0000${row.stage}`, segment: row.segment, stage: row.stage, churned: row.churned };
});

/**
 * Health as the engine blends it (vetoes aside: they cap the status, not the score): the weights resolved once per
 * segment and stage, spread over the components present (redistribute's rule, inlined for the hot loop).
 */
const blendAuc = (rows: ReadonlyArray<Prepared>, config: ScoringConfig, weights: Weights, stageWeights: StageWeights): number => {
  const trial = withBlendWeights(config, weights, stageWeights);
  const resolved = new Map<string, Float64Array>();
  const points = rows.map((row) => {
    let w = resolved.get(row.group);
    if (w === undefined) {
      const r = resolveWeights(trial, row.segment, row.stage);
      w = Float64Array.from(componentKeys.map((k) => r[k]));
      resolved.set(row.group, w);
    }
    let total = 0; let sum = 0; let present = 0; let plain = 0;
    for (let i = 0; i < w.length; i += 1) {
      const v = row.values[i]!;
      if (Number.isNaN(v)) continue;
      total += w[i]!; sum += v * w[i]!; present += 1; plain += v;
    }
    const health = total > 0 ? sum / total : present > 0 ? plain / present : 0;
    return { risk: 100 - health, churned: row.churned };
  });
  return auc(points) ?? 0;
};

type State = { weights: Weights; stageWeights: StageWeights };
type Move = (state: State) => State | null;

/** The moves: one base weight scaled (the others rescaled to the same sum), or one stage weight set to the base's, halved or doubled. */
const moves = (config: ScoringConfig, total: number): Move[] => [
  ...componentKeys.flatMap((key) => FACTORS.map((factor): Move => (state) => {
    // A dropped component can come back: from zero, a factor scales a small seed weight instead.
    const weights = scaleWeights({ ...state.weights, [key]: factor === 0 ? 0 : Math.max(state.weights[key], 0.01) * factor }, total);
    return weights === null ? null : { ...state, weights };
  })),
  ...lifecycleStages.flatMap((stage) => Object.keys(config.health.weightsByStage[stage] ?? {}).flatMap((name) => {
    const key = name as ComponentKey;
    const to: Array<(state: State, current: number) => number> = [(state) => state.weights[key], (_, current) => current / 2, (_, current) => Math.min(1, current * 2)];
    return to.map((value): Move => (state) => {
      const own = state.stageWeights[stage] ?? {};
      const current = own[key];
      return current === undefined ? null : { ...state, stageWeights: { ...state.stageWeights, [stage]: { ...own, [key]: round3(value(state, current)) } } };
    });
  })),
];

/**
 * The start weights (and the config's stage weights) moved one at a time while the training AUC of the engine's
 * blend rises by at least MIN_GAIN, for at most MAX_ROUNDS passes over the moves. Yields after every trial (each one
 * pass over the training rows), so a job's event loop keeps turning.
 */
export function* refineWeights(training: ReadonlyArray<BlendRow>, config: ScoringConfig, start: Weights, total: number): Steps<Refined> {
  const rows = prepare(training);
  let state: State = { weights: start, stageWeights: config.health.weightsByStage };
  let best = blendAuc(rows, config, state.weights, state.stageWeights);
  const all = moves(config, total);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    let moved = false;
    for (const move of all) {
      const candidate = move(state);
      yield;
      if (candidate === null) continue;
      const score = blendAuc(rows, config, candidate.weights, candidate.stageWeights);
      if (score > best + MIN_GAIN) { best = score; state = candidate; moved = true; }
    }
    if (!moved) break;
  }
  return { ...state, trainingAuc: best };
}
