import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/reliability/**', 'node_modules/**'],
    // A timeout here only catches a hang. On a shared, loaded 2-core machine a file can take many times its usual
    // time, and slowness must never fail a test, so tests and hooks inherit these instead of tighter ones of their own.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // As npm start runs node (package.json): the embedded store's WebAssembly stays on V8's baseline tier, which
    // spares each worker about 500 MB of optimising-compiler memory.
    execArgv: ['--liftoff-only'],
  },
});
