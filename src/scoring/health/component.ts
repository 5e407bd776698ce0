import type { ScoringConfig } from '../config.schema.ts';
import type { Facts } from '../facts.ts';
import type { MilestoneSummary } from '../milestones.ts';
import type { CompanySnapshot } from '../snapshot.schema.ts';

/** A component's raw reading: 0-100, or null when the data to judge it is missing. */
export type Reading = { value: number | null; detail: string };
export type ComponentInput = { snapshot: CompanySnapshot; facts: Facts; config: ScoringConfig; milestones: MilestoneSummary };
export const missing = (detail: string): Reading => ({ value: null, detail });
