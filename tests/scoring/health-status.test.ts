import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { statusFor } from '../../src/scoring/health/score-health.ts';

describe('health status bands of the default config (docs/scoring.md: green >= 70, yellow >= 40, red below)', () => {
  it.each([
    [0, 'red'], [39, 'red'], [39.99, 'red'], [40, 'yellow'], [54, 'yellow'], [55, 'yellow'], [69, 'yellow'], [69.99, 'yellow'], [70, 'green'], [100, 'green'],
  ] as const)('when a customer scores %d, then its status is %s', (score, status) => {
    expect(statusFor(score, defaultScoringConfig)).toBe(status);
  });
});
