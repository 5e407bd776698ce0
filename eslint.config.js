import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Import boundaries of the layout (see README "Layout"). Patterns match the import specifier, so
// both '../store/db.ts' and 'src/store/db.ts' are caught.
const ioModules = [
  'node:fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net', 'node:child_process',
  'fs', 'fs/promises', 'http', 'https', 'net', 'child_process',
  'pg', 'pg-boss', '@electric-sql/pglite', 'express', 'pino', 'node-cron', '@hubspot/api-client', 'bottleneck',
];
const hubspotClientPackages = ['@hubspot/api-client', 'bottleneck'];
const restrict = (paths, patterns, message) => ({
  'no-restricted-imports': ['error', {
    paths: paths.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message })),
  }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'app-manifest/src/app/cards/**', 'cards/node_modules/**', 'cards/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: restrict(hubspotClientPackages, ['**/emulator/**'], 'Only src/hubspot talks to HubSpot, and only src/main.ts may reach the emulator.'),
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict(hubspotClientPackages, ['**/emulator/**', '**/jobs/**'], 'Routes translate: src/server imports no job code (src/composition wires jobs and routes) and no HubSpot client.'),
  },
  {
    files: ['src/install/**/*.ts'],
    rules: restrict(hubspotClientPackages, ['**/emulator/**', '**/server/**', '**/jobs/**'], 'src/install is a service: src/composition builds its routes, so it imports nothing from src/server or src/jobs.'),
  },
  {
    // A cycle makes two modules one in all but name: neither can be read, tested or moved without the other.
    files: ['src/**/*.ts', 'emulator/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    // Cycles live in our own code; following imports into bundled packages (PGlite's chunks) only overflows the parser.
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The image keeps only production dependencies (Dockerfile: npm prune --omit=dev): what runs must not need a dev one.
    files: ['src/**/*.ts', 'emulator/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-extraneous-dependencies': ['error', { devDependencies: false, optionalDependencies: false }] },
  },
  {
    files: ['src/hubspot/**/*.ts'],
    rules: restrict([], ['**/emulator/**', '**/store/**', '**/sync/**', '**/jobs/**', '**/server/**'], 'src/hubspot is the door to HubSpot only: it does not reach the store, jobs or server.'),
  },
  {
    files: ['src/scoring/**/*.ts'],
    rules: restrict(ioModules, ['**/store/**', '**/hubspot/**', '**/sync/**', '**/jobs/**', '**/server/**', '**/writeback/**', '**/config/**', '**/emulator/**'], 'src/scoring is pure: no I/O, no clock, no other layer.'),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(['pg', 'pg-boss', '@electric-sql/pglite', 'express', ...hubspotClientPackages], ['**/store/**', '**/hubspot/**', '**/sync/**', '**/jobs/**', '**/server/**', '**/scoring/**', '**/writeback/**', '**/config/**', '**/emulator/**'], 'src/shared imports nothing from src.'),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: restrict(hubspotClientPackages, ['**/hubspot/**', '**/sync/**', '**/jobs/**', '**/server/**', '**/emulator/**'], 'src/store never reaches HubSpot or the layers above it.'),
  },
  {
    files: ['cards/**/*.{ts,tsx}'],
    rules: restrict([], ['**/src/**', '../**/src/**', '**/emulator/**'], 'cards/ is bundled by HubSpot on its own: it cannot import from src/.'),
  },
  {
    files: ['emulator/**/*.ts'],
    rules: restrict([], ['**/src/**'], 'The emulator stands in for HubSpot: it shares no code with Waypoint.'),
  },
);
