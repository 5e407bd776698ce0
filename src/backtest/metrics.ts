/**
 * Backtest arithmetic: how well a score taken at a cutoff ranked the customers that churned afterwards.
 * Pure and order-independent, so the same observations always give the same report.
 */
export type HealthStatus = 'green' | 'yellow' | 'red';

/** One customer at one cutoff: what the score said then, and whether it churned within the horizon after. */
export type Observation = {
  health: number;
  status: HealthStatus;
  /** The card's weights, already spread over the components that had data. */
  components: ReadonlyArray<{ key: string; value: number | null; weight: number }>;
  churned: boolean;
};

export type RiskPoint = { risk: number; churned: boolean };

/**
 * Area under the ROC curve of `risk` for churn: the chance that a churned customer carried more risk than a retained
 * one, ties counting half (Mann-Whitney with mid-ranks). Null when either side is empty, since no ranking is judged.
 */
export const auc = (points: ReadonlyArray<RiskPoint>): number | null => {
  const positives = points.filter((p) => p.churned).length;
  const negatives = points.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const sorted = [...points].sort((a, b) => a.risk - b.risk);
  let rankSumPositives = 0;
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1]!.risk === sorted[start]!.risk) end += 1;
    const midRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i += 1) if (sorted[i]!.churned) rankSumPositives += midRank;
    start = end + 1;
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
};

/** Health is high when well, so its risk is its distance from 100. */
const healthRisk = (o: Observation): RiskPoint => ({ risk: 100 - o.health, churned: o.churned });

/** Of the customers that churned, the share the score showed green at the cutoff: the complaint leaders voice most. */
export const churnedWhileGreenShare = (observations: ReadonlyArray<Observation>): number | null => {
  const churned = observations.filter((o) => o.churned);
  return churned.length === 0 ? null : churned.filter((o) => o.status === 'green').length / churned.length;
};

/**
 * The Wilson score interval's upper end for a share of k in n at z standard errors (one-sided): how high the true
 * share may plausibly be when k in n was seen. Unlike k/n it stays above zero for k = 0 and widens as n shrinks.
 */
export const wilsonUpper = (k: number, n: number, z: number): number => {
  if (n === 0) return 1;
  const p = k / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
};

/** Of the customers shown red at the cutoff, the share that did churn: how often a red alarm is worth acting on. */
export const precisionOfRed = (observations: ReadonlyArray<Observation>): number | null => {
  const red = observations.filter((o) => o.status === 'red');
  return red.length === 0 ? null : red.filter((o) => o.churned).length / red.length;
};

export type CalibrationRow = { decile: number; count: number; minRisk: number; maxRisk: number; meanRisk: number; churned: number; churnRate: number };

/**
 * Customers ranked by risk and cut into ten groups of near-equal size, each with its observed churn rate. Equal risks
 * stay in one group (the decile of the first of them), so the table does not depend on the input's order; a group
 * can then be empty, and empty groups are left out.
 */
export const calibrationTable = (points: ReadonlyArray<RiskPoint>): CalibrationRow[] => {
  const sorted = [...points].sort((a, b) => a.risk - b.risk);
  const groups: RiskPoint[][] = Array.from({ length: 10 }, () => []);
  let decile = 0;
  sorted.forEach((p, i) => {
    if (i === 0 || p.risk !== sorted[i - 1]!.risk) decile = Math.floor((i * 10) / sorted.length);
    groups[decile]!.push(p);
  });
  return groups.flatMap((group, index) => {
    if (group.length === 0) return [];
    const churned = group.filter((p) => p.churned).length;
    return [{
      decile: index + 1,
      count: group.length,
      minRisk: group[0]!.risk,
      maxRisk: group[group.length - 1]!.risk,
      meanRisk: group.reduce((sum, p) => sum + p.risk, 0) / group.length,
      churned,
      churnRate: churned / group.length,
    }];
  });
};

export type ComponentLift = { key: string; auc: number | null; aucLostWithout: number | null; observed: number };

/** Health as the weighted mean of the components that had data, leaving `without` out; null when none is left. */
const blend = (components: Observation['components'], without: string | null): number | null => {
  const kept = components.filter((c) => c.key !== without && c.value !== null && c.weight > 0);
  const weight = kept.reduce((sum, c) => sum + c.weight, 0);
  return weight === 0 ? null : kept.reduce((sum, c) => sum + c.weight * c.value!, 0) / weight;
};

const blendAuc = (observations: ReadonlyArray<Observation>, without: string | null): number | null =>
  auc(observations.flatMap((o) => { const health = blend(o.components, without); return health === null ? [] : [{ risk: 100 - health, churned: o.churned }]; }));

/**
 * Each health component's AUC on its own, over the observations where it had a value (a component without data
 * says nothing, and counting it as 0 would credit it with the churners that simply went silent), and the AUC the
 * weighted blend loses without it. Both blends are recomputed from the components, vetoes left out, so the
 * difference is the component's alone.
 */
export const componentLift = (observations: ReadonlyArray<Observation>): ComponentLift[] => {
  const byKey = new Map<string, RiskPoint[]>();
  for (const o of observations) {
    for (const c of o.components) {
      const points = byKey.get(c.key) ?? [];
      if (c.value !== null) points.push({ risk: 100 - c.value, churned: o.churned });
      byKey.set(c.key, points);
    }
  }
  const full = blendAuc(observations, null);
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, points]) => {
      const without = blendAuc(observations, key);
      return { key, auc: auc(points), aucLostWithout: full === null || without === null ? null : full - without, observed: points.length };
    });
};

export type BacktestMetrics = {
  observations: number;
  churned: number;
  healthAuc: number | null;
  churnedWhileGreen: number | null;
  precisionOfRed: number | null;
  calibration: CalibrationRow[];
  components: ComponentLift[];
};

export const backtestMetrics = (observations: ReadonlyArray<Observation>): BacktestMetrics => {
  const risk = observations.map(healthRisk);
  return {
    observations: observations.length,
    churned: observations.filter((o) => o.churned).length,
    healthAuc: auc(risk),
    churnedWhileGreen: churnedWhileGreenShare(observations),
    precisionOfRed: precisionOfRed(observations),
    calibration: calibrationTable(risk),
    components: componentLift(observations),
  };
};
