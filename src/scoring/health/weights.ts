import { componentKeys } from '../config.schema.ts';
import type { ComponentKey, LifecycleStage, ScoringConfig } from '../config.schema.ts';
import { own } from '../own.ts';

/** Base weights, then the segment's overrides, then the lifecycle stage's (onboarding weighs milestones more). */
export const resolveWeights = (config: ScoringConfig, segment: string, stage: LifecycleStage): Record<ComponentKey, number> => {
  const bySegment = own(config.health.weightsBySegment, segment) ?? {};
  const byStage = own(config.health.weightsByStage, stage) ?? {};
  const weights = {} as Record<ComponentKey, number>;
  for (const key of componentKeys) weights[key] = own(byStage, key) ?? own(bySegment, key) ?? config.health.components[key].weight;
  return weights;
};

/** Missing components drop out and the others share their weight, so present weights always sum to 1. */
export const redistribute = (weights: Record<ComponentKey, number>, present: ReadonlySet<ComponentKey>): Record<ComponentKey, number> => {
  const total = componentKeys.reduce((sum, key) => sum + (present.has(key) ? weights[key] : 0), 0);
  const equal = present.size > 0 ? 1 / present.size : 0;
  const shares = {} as Record<ComponentKey, number>;
  for (const key of componentKeys) shares[key] = !present.has(key) ? 0 : total > 0 ? weights[key] / total : equal;
  return shares;
};
