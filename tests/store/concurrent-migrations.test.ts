import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/store/migrate.ts';
import { freshPostgresDatabase } from '../helpers/stores.ts';

const run = promisify(execFile);
const databaseUrl = process.env.DATABASE_URL;

describe.skipIf(!databaseUrl)('migrations on a shared PostgreSQL', () => {
  it('when two processes start at the same moment, then the schema is migrated exactly once and both succeed', async () => {
    const fresh = await freshPostgresDatabase(databaseUrl ?? '');
    try {
      const startAt = String(Date.now() + 1500);
      const script = new URL('../helpers/migrate-once.ts', import.meta.url).pathname;
      const [a, b] = await Promise.all([
        run(process.execPath, [script, fresh.url, startAt]),
        run(process.execPath, [script, fresh.url, startAt]),
      ]);
      const applied = [a, b].map((out) => (JSON.parse(out.stdout) as { applied: string[] }).applied);
      const versions = (await loadMigrations()).map((m) => m.version);
      expect([...applied[0] ?? [], ...applied[1] ?? []].sort()).toEqual(versions.sort());
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const rows = await client.query('SELECT version FROM schema_migrations');
      await client.end();
      expect(rows.rowCount).toBe(versions.length);
    } finally {
      await fresh.drop();
    }
  });
});
