import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { isStoreOutage } from '../../src/store/outage.ts';
import { storeBackends } from '../helpers/stores.ts';

// A named prepared statement must answer exactly as query does for the same SQL, on both stores: same rows in the
// same types, same errors, the same isolation from another caller's open transaction.

const TYPED = `SELECT $1::bigint AS big, $2::jsonb AS doc, $3::timestamptz AS at, $4::text AS missing, ARRAY[$5::int, 2] AS list,
  $6::boolean AS flag, $7::double precision AS ratio`;
const typedParams = [9_876_543_210, JSON.stringify({ name: 'Acme', tags: ['a'] }), new Date('2026-11-30T12:00:00.000Z'), null, 1, true, 0.25];

const preparedOf = (db: Db) => {
  if (!db.prepared) throw new Error('this store offers no named statements');
  return db.prepared.bind(db);
};

const rejection = async (run: () => Promise<unknown>): Promise<{ code?: string; message: string }> => {
  try {
    await run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the statement to fail');
};

describe.each(storeBackends())('named prepared statements on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
  });
  afterAll(async () => cleanup());

  it('when a named statement runs, then every call returns the rows and types query returns for the same SQL', async () => {
    const expected = await db.query(TYPED, typedParams);
    const prepared = preparedOf(db);
    expect(await prepared('typed_row', TYPED, typedParams)).toEqual(expected);
    expect(await prepared('typed_row', TYPED, typedParams)).toEqual(expected);
    expect(await prepared('typed_row', TYPED, [1, '{}', new Date(0), 'here', 3, false, 1])).toEqual(
      await db.query(TYPED, [1, '{}', new Date(0), 'here', 3, false, 1]));
  });

  it('when a named statement runs while another caller holds a transaction open, then it sees only what was committed', async () => {
    await db.query(`INSERT INTO scoring_configs (portal_id, version, config) VALUES (71, 1, '{}')`);
    const count = `SELECT count(*)::int AS n FROM scoring_configs WHERE portal_id = $1`;
    let during: Promise<unknown> | undefined;
    await expect(db.transaction(async (tx) => {
      await tx.query(`INSERT INTO scoring_configs (portal_id, version, config) VALUES (71, 2, '{}')`);
      during = preparedOf(db)('count_configs', count, [71]);
      // Give the named call every chance to run inside this transaction before it rolls back.
      await tx.query('SELECT pg_sleep(0.02)');
      await tx.query(`INSERT INTO scoring_configs (portal_id, version, config) VALUES (71, 3, '{}')`);
      throw new Error('abandoned');
    })).rejects.toThrow('abandoned');
    expect(await during).toEqual([{ n: 1 }]);
    expect(await preparedOf(db)('count_configs', count, [71])).toEqual([{ n: 1 }]);
  });

  it('when a named statement fails, then it fails with the error query gives, and the next call answers', async () => {
    const sql = 'SELECT $1::int AS n';
    const fromQuery = await rejection(() => db.query(sql, ['not a number']));
    const fromPrepared = await rejection(() => preparedOf(db)('cast_int', sql, ['not a number']));
    expect(fromPrepared.code).toBe('22P02');
    expect({ code: fromPrepared.code, message: fromPrepared.message }).toEqual({ code: fromQuery.code, message: fromQuery.message });
    expect(await preparedOf(db)('cast_int', sql, ['12'])).toEqual([{ n: 12 }]);
  });

  it('when the SQL of a named statement does not parse, then the error is PostgreSQL\'s and a corrected call under a new name answers', async () => {
    const broken = await rejection(() => preparedOf(db)('broken', 'SELEC 1', []));
    expect(broken.code).toBe('42601');
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await preparedOf(db)('fixed', 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
  });

  it('when one name is used for two different statements, then the second is refused instead of answering the first', async () => {
    await preparedOf(db)('one_name', 'SELECT 1 AS n', []);
    await expect(preparedOf(db)('one_name', 'SELECT 2 AS n', [])).rejects.toThrow();
  });
});

describe('named prepared statements on the embedded store', () => {
  const [embedded] = storeBackends();

  it('when something drops every prepared statement of the connection, then the next named call prepares again and answers', async () => {
    const { db, cleanup } = await embedded!.open();
    try {
      expect(await preparedOf(db)('company_count', 'SELECT $1::int + 1 AS n', [1])).toEqual([{ n: 2 }]);
      await db.query('DEALLOCATE ALL');
      expect(await preparedOf(db)('company_count', 'SELECT $1::int + 1 AS n', [2])).toEqual([{ n: 3 }]);
    } finally {
      await cleanup();
    }
  });

  it('when the store has closed, then a named call fails as an outage, as query does', async () => {
    const { db, cleanup } = await embedded!.open();
    await preparedOf(db)('after_close', 'SELECT 1 AS n', []);
    await cleanup();
    const failure = await rejection(() => preparedOf(db)('after_close', 'SELECT 1 AS n', []));
    expect(isStoreOutage(failure)).toBe(true);
  });
});
