import { mkdir } from 'node:fs/promises';
import { lockDataDir } from './data-dir-lock.ts';
import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrate } from './migrate.ts';

export type StoreOptions =
  | { kind: 'postgres'; databaseUrl: string; poolSize?: number }
  /** dataDir undefined keeps the embedded store in memory (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

/** One process per embedded data directory: the lock is taken before PGlite touches the files, released on close. */
const openLockedPglite = async (dataDir: string): Promise<Db> => {
  await mkdir(dataDir, { recursive: true });
  const release = await lockDataDir(dataDir);
  try {
    const db = await openPglite(dataDir);
    return { ...db, close: async () => { try { await db.close(); } finally { await release(); } } };
  } catch (error) {
    await release();
    throw error;
  }
};

/**
 * Opens the configured store and brings its schema up to date before anyone uses it. Only the migrate command opens
 * it without migrating, to report what is pending.
 */
export const openStore = async (options: StoreOptions, { migrateSchema = true }: { migrateSchema?: boolean } = {}): Promise<Db> => {
  let db: Db;
  if (options.kind === 'postgres') {
    db = await openPostgres(options.databaseUrl, { max: options.poolSize });
  } else {
    db = options.dataDir === undefined ? await openPglite(undefined) : await openLockedPglite(options.dataDir);
  }
  if (!migrateSchema) return db;
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
};
