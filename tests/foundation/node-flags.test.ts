import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { npmScriptNodeFlags } from '../helpers/node-flags.ts';

const run = promisify(execFile);
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const semiSpaceCap = '--max-semi-space-size=16';

// Allocates short-lived objects fast enough that V8 grows its young generation to the cap, then reports its size.
const youngGenerationProbe = `
const v8 = require('node:v8');
let kept = [];
for (let i = 0; i < 300; i += 1) {
  const page = [];
  for (let j = 0; j < 20000; j += 1) page.push({ i, j, id: 'x' + j });
  kept.push(page);
  if (kept.length > 20) kept = kept.slice(10);
}
const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
console.log(space.space_size / 1048576);
`;

describe('the node options Waypoint starts with', () => {
  it('when Waypoint starts through npm (start, dev, waypoint, bench), then every script caps V8\'s semi-space at 16 MB and runs WebAssembly on Liftoff only', () => {
    for (const name of ['start', 'dev', 'waypoint', 'bench']) {
      expect(npmScriptNodeFlags(name)).toEqual(['--liftoff-only', '--max-semi-space-size=16']);
    }
  });

  it('when Waypoint runs from the image or the topology script (node dist/src/main.js), then NODE_OPTIONS carries the same semi-space cap', () => {
    expect(/^ENV .*\bNODE_OPTIONS=(\S+)/m.exec(read('Dockerfile'))?.[1]).toBe(semiSpaceCap);
    expect(/^export NODE_OPTIONS="([^"$ ]+)/m.exec(read('scripts/topology/run.sh'))?.[1]).toBe(semiSpaceCap);
    expect(npmScriptNodeFlags('start')).toContain(semiSpaceCap);
  });

  it('when Waypoint runs from the image or the topology script, then node runs WebAssembly on Liftoff only, as the npm scripts do', () => {
    expect(/^CMD \["node", "--liftoff-only", "dist\/src\/main\.js"\]$/m.test(read('Dockerfile'))).toBe(true);
    expect(read('scripts/topology/run.sh')).toMatch(/^COMMAND=\(node --liftoff-only dist\/src\/main\.js\)$/m);
    expect(read('scripts/topology/run.sh')).toMatch(/^MIGRATE=\(node --liftoff-only dist\/src\/cli\.js migrate\)$/m);
  });

  it('when node runs with the start script\'s options and allocates pages of short-lived objects, then its young generation stays within two 16 MB semi-spaces', async () => {
    const { stdout } = await run(process.execPath, [...npmScriptNodeFlags('start'), '-e', youngGenerationProbe], { timeout: 120_000 });
    expect(Number(stdout.trim())).toBeLessThanOrEqual(32);
  });
});
