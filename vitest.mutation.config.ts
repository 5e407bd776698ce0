import { defineConfig } from 'vitest/config';

// The unit tests that exercise src/scoring, for `npm run test:mutation`. The archetype accuracy test is left out:
// it scores thousands of companies, and rerunning it for every mutant would take hours.
export default defineConfig({
  test: {
    include: ['tests/scoring/**/*.test.ts', 'tests/snapshot/**/*.test.ts'],
    exclude: ['tests/scoring/archetype-accuracy.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    // One worker reused across files: startup, not the tests, dominates a run per mutant.
    pool: 'threads',
    isolate: false,
  },
});
