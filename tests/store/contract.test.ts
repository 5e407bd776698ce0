import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { loadMigrations, migrate, pendingMigrations } from '../../src/store/migrate.ts';
import { storeBackends } from '../helpers/stores.ts';

describe.each(storeBackends())('store contract on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  it('when the store opens, then every migration is applied and none is pending', async () => {
    const versions = (await loadMigrations()).map((m) => m.version);
    const applied = await db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((r) => r.version)).toEqual(versions);
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('when migrations run again, then nothing is applied twice', async () => {
    expect(await migrate(db)).toEqual({ applied: [] });
  });

  it('when a portal id beyond 32 bits and JSON properties are stored, then they come back as written', async () => {
    await db.query(
      `INSERT INTO crm_objects (portal_id, object_type, object_id, properties, hs_updated_at) VALUES ($1, 'companies', '1', $2, now())`,
      [9_876_543_210, JSON.stringify({ name: 'Acme', annual_recurring_revenue: '120000', renewal_date: null })],
    );
    const [row] = await db.query<{ portal_id: number; properties: Record<string, string | null> }>(
      'SELECT portal_id, properties FROM crm_objects WHERE portal_id = $1', [9_876_543_210]);
    expect(Number(row?.portal_id)).toBe(9_876_543_210);
    expect(row?.properties).toEqual({ name: 'Acme', annual_recurring_revenue: '120000', renewal_date: null });
  });

  it('when a transaction throws, then none of its writes remain', async () => {
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO scoring_configs (portal_id, version, config) VALUES (1, 1, '{}')`);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await db.query('SELECT * FROM scoring_configs WHERE portal_id = 1')).toEqual([]);
  });

  it('when a transaction succeeds, then its writes are visible afterwards', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO scoring_configs (portal_id, version, config) VALUES (2, 1, '{"a":1}')`);
      await tx.query(`INSERT INTO scoring_configs (portal_id, version, config) VALUES (2, 2, '{"a":2}')`);
    });
    const rows = await db.query<{ version: number }>('SELECT version FROM scoring_configs WHERE portal_id = 2 ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
  });

  it('when several statements run in one script, then each statement returns its own rows', async () => {
    const results = await db.execMany('SELECT 1 AS a; SELECT 2 AS b UNION ALL SELECT 3;');
    expect(results).toEqual([[{ a: 1 }], [{ b: 2 }, { b: 3 }]]);
  });

  it('when two callers want the same advisory lock, then the second runs only after the first finishes', async () => {
    const order: string[] = [];
    const hold = (name: string) => db.withAdvisoryLock(42n, async (conn) => {
      order.push(`${name}:start`);
      await conn.query('SELECT pg_sleep(0.05)');
      order.push(`${name}:end`);
    });
    await Promise.all([hold('first'), hold('second')]);
    expect(order).toEqual(['first:start', 'first:end', 'second:start', 'second:end']);
  });

  it('when the same usage metric is written twice for a day, then one row holds the latest value', async () => {
    const upsert = `INSERT INTO usage_metrics (portal_id, company_id, day, metric, value) VALUES (7, 'c1', '2026-11-01', 'active_users', $1)
      ON CONFLICT (portal_id, company_id, day, metric) DO UPDATE SET value = EXCLUDED.value`;
    await db.query(upsert, [10]);
    await db.query(upsert, [12]);
    expect(await db.query('SELECT value FROM usage_metrics WHERE portal_id = 7')).toEqual([{ value: 12 }]);
  });
});
