import type { Cohort, HealthStatus } from './config.schema.ts';
import type { FitValue, VectorValue } from './score-card.schema.ts';

/** The domain's priority order: bad fit first, then dark (negative until known otherwise), then by direction. */
export const assignCohort = (fit: FitValue, dark: boolean, status: HealthStatus, vector: VectorValue): Cohort => {
  if (fit === 'bad') return 'bad_fit';
  if (dark) return 'dark';
  if (vector === 'negative' || status === 'red') return 'negative';
  return vector === 'positive' ? 'positive' : 'neutral';
};
