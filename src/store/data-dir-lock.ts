import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

// Two processes writing one PGlite directory each think they own it: acknowledged writes of one are lost. The lock
// file holds the owner's pid, so a second process can name who holds it, and a lock left by a crash (kill -9, power
// loss) is recognised by its dead pid and taken over.
const LOCK_FILE = 'waypoint.lock';

export class DataDirLockedError extends Error {
  readonly dataDir: string;
  readonly holderPid: number;

  constructor(dataDir: string, holderPid: number) {
    super(`The embedded store in ${dataDir} is in use by process ${holderPid}; stop it first, or point DATA_DIR elsewhere `
      + '(several processes share a store only through PostgreSQL: DATABASE_URL)');
    this.name = 'DataDirLockedError';
    this.dataDir = dataDir;
    this.holderPid = holderPid;
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

// Locks this process holds, so a second open in the same process is refused too rather than read as stale.
const heldHere = new Set<string>();

const readHolder = async (path: string): Promise<number | null> => {
  const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
};

/** Takes the data directory's lock or throws DataDirLockedError; the returned function releases it. */
export const lockDataDir = async (dataDir: string): Promise<() => Promise<void>> => {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) throw new DataDirLockedError(dataDir, process.pid);
  // Written beside the lock and linked into place: link fails if the lock exists, so creation is atomic and the
  // lock is never seen without its pid.
  const candidate = `${path}.${process.pid}`;
  const file = await open(candidate, 'w');
  await file.writeFile(`${process.pid}\n`);
  await file.close();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await link(candidate, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
      }
      const holder = await readHolder(path);
      if (holder !== null && holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      // Stale (its process is gone, or it is unreadable): move it aside atomically so one taker wins, then retry.
      await rename(path, `${path}.stale`).catch(() => undefined);
    }
  } finally {
    await unlink(candidate).catch(() => undefined);
  }
  heldHere.add(path);
  return async () => {
    heldHere.delete(path);
    if ((await readHolder(path)) === process.pid) await unlink(path).catch(() => undefined);
  };
};
