import { defineConfig } from 'vitest/config';

// The cards are their own package (React 18.3 for HubSpot's renderer), so their tests run here, not in the
// root suite whose include is tests/**/*.test.ts.
export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.{ts,tsx}'],
    environment: 'node',
    // As in the root suite: a page's first render on a loaded shared machine can take longer than vitest's 5 s
    // default, and no test may depend on the machine's speed.
    testTimeout: 120_000,
  },
});
