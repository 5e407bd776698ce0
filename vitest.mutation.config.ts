import { defineConfig } from 'vitest/config';

// The unit tests that exercise src/scoring, for `npm run test:mutation`, plus the backtest's as-of cut (it is where the
// scoring's own past view, snapshotAsOf, is specified). Left out because rerunning them for every mutant would take
// hours: the archetype accuracy test (thousands of companies) and the two property-based suites, invariants and
// extreme values (hundreds of random snapshots each, 85% of the remaining time, checking bounds and determinism rather
// than any one rule). Leaving tests out can only lower the score, never raise it.
export default defineConfig({
  test: {
    include: ['tests/scoring/**/*.test.ts', 'tests/snapshot/**/*.test.ts', 'tests/backtest/as-of.test.ts'],
    exclude: ['tests/scoring/archetype-accuracy.test.ts', 'tests/scoring/invariants.test.ts', 'tests/scoring/extreme-values.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    // One worker reused across files: startup, not the tests, dominates a run per mutant.
    pool: 'threads',
    isolate: false,
  },
});
