import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db.ts';

// Any fixed 64-bit number works; it only has to be the same in every Waypoint process.
const MIGRATION_LOCK_KEY = 0x77617970_6f696e74n;
const migrationsDir = new URL('./migrations/', import.meta.url);

export type Migration = { version: string; sql: string };

let loaded: Promise<Migration[]> | undefined;

/** The migration files ship with the release and never change while it runs: read them once, not on every /readyz. */
export const loadMigrations = (): Promise<Migration[]> => {
  loaded ??= readdir(migrationsDir).then((names) => Promise.all(names.filter((name) => name.endsWith('.sql')).sort()
    .map(async (name) => ({ version: name.replace(/\.sql$/, ''), sql: await readFile(new URL(name, migrationsDir), 'utf8') }))))
    .catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
  return loaded;
};

/**
 * Forward-only: each file runs once, in name order, inside its own transaction. The advisory lock makes
 * processes that start together wait for each other, and the one that gets the lock second finds nothing to do.
 */
export const migrate = async (db: Db, migrations?: Migration[]): Promise<{ applied: string[] }> => {
  const all = migrations ?? (await loadMigrations());
  return db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (conn) => {
    await conn.execMany(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await conn.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: string[] = [];
    for (const migration of all.filter((m) => !done.has(m.version))) {
      const version = migration.version.replaceAll("'", "''");
      await conn.execMany(`BEGIN;\n${migration.sql}\n;INSERT INTO schema_migrations (version) VALUES ('${version}');\nCOMMIT;`)
        .catch(async (error: unknown) => {
          await conn.execMany('ROLLBACK').catch(() => undefined);
          throw new Error(`migration ${migration.version} failed: ${(error as Error).message}`, { cause: error });
        });
      applied.push(migration.version);
    }
    return { applied };
  });
};

export const pendingMigrations = async (db: Db): Promise<string[]> => {
  const all = await loadMigrations();
  const rows = await db.query<{ version: string }>('SELECT version FROM schema_migrations').catch(() => []);
  const done = new Set(rows.map((r) => r.version));
  return all.map((m) => m.version).filter((v) => !done.has(v));
};

export type MigrationState = { version: string; appliedAt: string | null };

/** Every migration this release ships, with when it was applied here (null: still pending). */
export const migrationStatus = async (db: Db): Promise<MigrationState[]> => {
  const all = await loadMigrations();
  const rows = await db.query<{ version: string; applied_at: Date | string }>('SELECT version, applied_at FROM schema_migrations').catch(() => []);
  const appliedAt = new Map(rows.map((r) => [r.version, new Date(r.applied_at).toISOString()]));
  return all.map((m) => ({ version: m.version, appliedAt: appliedAt.get(m.version) ?? null }));
};
