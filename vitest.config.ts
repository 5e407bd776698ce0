import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/reliability/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // As npm start runs node (package.json): the embedded store's WebAssembly stays on V8's baseline tier, which
    // spares each worker about 500 MB of optimising-compiler memory.
    execArgv: ['--liftoff-only'],
  },
});
