import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';

const run = promisify(execFile);
const openStoreModule = new URL('../../src/store/open-store.ts', import.meta.url).href;

/** Another process opening the store in dataDir: its exit code and what it printed. */
const openFromAnotherProcess = async (dataDir: string): Promise<{ code: number; stderr: string }> => {
  const script = `const { openStore } = await import(${JSON.stringify(openStoreModule)});
    const db = await openStore({ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} });
    await db.query('SELECT 1'); await db.close();`;
  try {
    await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH } });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
};

/** The pid of a process that has already exited. */
const deadPid = async (): Promise<number> => {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
};

describe('one process per embedded data directory', () => {
  // One migrated directory for the whole file: creating a PGlite store is the slow part, and each story ends unlocked.
  const dataDir = mkdtempSync(join(tmpdir(), 'waypoint-lock-'));
  beforeAll(async () => { await (await openStore({ kind: 'pglite', dataDir })).close(); });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when a second process opens a data directory already in use, then it fails at start naming the directory and the holder\'s pid', async () => {
    const db = await openStore({ kind: 'pglite', dataDir });
    try {
      const second = await openFromAnotherProcess(dataDir);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toContain(dataDir);
      expect(second.stderr).toContain(`process ${process.pid}`);
      expect(await db.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('when the holder has closed the store, then another process opens it', async () => {
    await (await openStore({ kind: 'pglite', dataDir })).close();
    expect((await openFromAnotherProcess(dataDir)).code).toBe(0);
  });

  it('when the lock was left by a process that died, then it is taken over', async () => {
    writeFileSync(join(dataDir, 'waypoint.lock'), `${await deadPid()}\n`);
    const db = await openStore({ kind: 'pglite', dataDir });
    await db.close();
  });

  it('when the same process opens a directory it already holds, then the second open is refused too', async () => {
    const db = await openStore({ kind: 'pglite', dataDir });
    try {
      await expect(openStore({ kind: 'pglite', dataDir })).rejects.toThrow(dataDir);
    } finally {
      await db.close();
    }
  });
});
