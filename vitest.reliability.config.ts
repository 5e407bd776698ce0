import { defineConfig } from 'vitest/config';

/**
 * The reliability suite: fault matrix, crash and restart, concurrency and load, all against the emulator. Slow, so it is
 * kept out of `npm test`. `--mode quick` (CI) runs the same stories on smaller portals and fewer crash points.
 */
export default defineConfig(({ mode }) => ({
  test: {
    include: ['tests/reliability/**/*.test.ts'],
    setupFiles: ['tests/reliability/helpers/loopback-only.ts'],
    // Timeouts only catch hangs (docs/testing.md): a story on a loaded shared machine can take many times its usual
    // time, in quick mode too (which still waits out one job heartbeat and a retry delay in the two-worker story).
    testTimeout: 900_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Each file starts emulators and child processes of its own; running them side by side would only fight for CPU.
    fileParallelism: false,
    env: { RELIABILITY_QUICK: mode === 'quick' ? '1' : '' },
  },
}));
