import type { Cohort, ScoringConfig } from './config.schema.ts';
import { DAY_MS, round, toMs } from './time.ts';

/**
 * Value times risk times urgency: ARR in thousands, the cohort's risk nudged by how unhealthy the company is, and
 * up to double urgency as the renewal approaches. Good-fit, high-value, negative customers float to the top.
 */
export const scorePriority = (
  input: { arr: number | null; cohort: Cohort; health: number; renewalDate: string | null; churned: boolean; now: number },
  config: ScoringConfig,
): number => {
  if (input.churned) return 0;
  const risk = config.priority.riskByCohort[input.cohort] * (0.5 + (100 - input.health) / 200);
  const renewal = toMs(input.renewalDate);
  const horizon = config.priority.renewalHorizonDays * DAY_MS;
  const urgency = renewal === null || horizon === 0 ? 1 : 1 + Math.max(0, Math.min(1, (horizon - Math.max(0, renewal - input.now)) / horizon));
  return round(((input.arr ?? 0) / 1000) * risk * urgency, 2);
};
