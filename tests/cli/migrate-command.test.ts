import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { loadMigrations } from '../../src/store/migrate.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const run = async (argv: string[], env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    readFile: () => { throw new Error('no files'); }, out: (line) => out.push(line), err: (line) => err.push(line),
    now: () => new Date('2026-11-01T00:00:00Z'), env,
  });
  return { code, out, err };
};

describe('npm run waypoint -- migrate', () => {
  it('when the store is new, then --status lists every migration as pending and exits 1; migrate applies them; --status then says current', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waypoint-migrate-'));
    dirs.push(dir);
    const env = { DATA_DIR: join(dir, 'data') };
    const versions = (await loadMigrations()).map((m) => m.version);

    const before = await run(['migrate', '--status'], env);
    expect(before.code).toBe(1);
    expect(before.out.filter((line) => line.startsWith('pending')).map((line) => line.split(/\s+/)[1])).toEqual(versions);

    const applied = await run(['migrate'], env);
    expect(applied.code).toBe(0);
    expect(applied.out.filter((line) => line.startsWith('applied')).map((line) => line.split(/\s+/)[1])).toEqual(versions);

    const after = await run(['migrate', '--status'], env);
    expect(after.code).toBe(0);
    expect(after.out.at(-1)).toBe('pglite store: schema is current');
    expect(after.out.filter((line) => line.startsWith('pending'))).toEqual([]);

    const again = await run(['migrate'], env);
    expect(again.out).toEqual(['pglite store: schema was already current']);
  });

  it('when the environment names a bad DATABASE_URL, then it exits 1 naming the variable and opens nothing', async () => {
    const { code, err } = await run(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('DATABASE_URL');
  });
});

describe('waypoint --help', () => {
  it.each([
    [['--help'], 'usage: npm run waypoint -- <command>'],
    [['score', '--help'], 'usage: npm run waypoint -- score --input'],
    [['migrate', '--help'], 'usage: npm run waypoint -- migrate [--status]'],
    [['snapshot-schema', '--help'], 'usage: npm run waypoint -- snapshot-schema'],
  ])('when called with %j, then it prints that usage and exits 0', async (argv, expected) => {
    const { code, out } = await run(argv, {});
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(expected);
  });
});
