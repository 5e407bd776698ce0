import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

describe('every command explains itself', () => {
  it.each([
    ['npm run waypoint', 'src/cli.ts', [], 'usage: npm run waypoint -- <command>'],
    ['npm run waypoint -- migrate', 'src/cli.ts', ['migrate'], 'usage: npm run waypoint -- migrate [--status]'],
    ['npm run emulator', 'emulator/cli.ts', [], 'usage: npm run emulator -- [options]'],
    ['npm run bench', 'bench/run.ts', [], 'bench/results.quick.json'],
    ['npm run manifest', 'scripts/manifest/generate.ts', [], 'usage: npm run manifest -- --base-url'],
  ])('when `%s` is given --help, then it prints its usage, exits 0 and does nothing else', async (_name, path, args, expected) => {
    const { stdout } = await run(process.execPath, [script(path), ...args, '--help'], { env: { PATH: process.env.PATH }, timeout: 300_000 });
    expect(stdout).toContain(expected);
    expect(stdout.split('\n').length).toBeLessThan(30);
  });
});
