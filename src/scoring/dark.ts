import type { ScoringConfig } from './config.schema.ts';
import type { Facts } from './facts.ts';
import { own } from './own.ts';

/** Silent on every two-way channel (inbound touch, new ticket, survey answer, product usage) for the segment's window. */
export const scoreDark = (facts: Facts, config: ScoringConfig): { dark: boolean; daysSinceTwoWay: number | null } => {
  const windowDays = own(config.dark.bySegment, facts.segment) ?? config.dark.defaultDays;
  return { dark: facts.daysSinceTwoWay !== null && facts.daysSinceTwoWay >= windowDays, daysSinceTwoWay: facts.daysSinceTwoWay };
};
