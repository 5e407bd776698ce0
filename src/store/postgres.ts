import pg from 'pg';
import { claimStatementName, type Db, type Session } from './db.ts';

// bigint columns (portal ids, counts) come back as JS numbers: portal ids fit well inside 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const session = (client: pg.Pool | pg.PoolClient, statementNames: Map<string, string>): Session => ({
  query: async <Row>(sql: string, params: readonly unknown[] = []) =>
    (await client.query(sql, [...params])).rows as Row[],
  // node-postgres parses a named statement once per pooled connection and reuses it there.
  prepared: async <Row>(name: string, sql: string, params: readonly unknown[]) => {
    claimStatementName(statementNames, name, sql);
    return (await client.query({ name, text: sql, values: [...params] })).rows as Row[];
  },
  execMany: async (sql: string) => {
    const result = (await client.query(sql)) as unknown as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(result) ? result : [result]).map((r) => r.rows);
  },
});

export const openPostgres = async (connectionString: string, options: { max?: number } = {}): Promise<Db & { pool: pg.Pool }> => {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client losing its server (restart, failover) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const statementNames = new Map<string, string>();
  const withClient = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  };

  return {
    kind: 'postgres',
    pool,
    queueConnection: { kind: 'postgres', connectionString },
    ...session(pool, statementNames),
    transaction: (fn) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
          const result = await fn(session(client, statementNames));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }),
    withAdvisoryLock: (key, fn) =>
      withClient(async (client) => {
        await client.query('SELECT pg_advisory_lock($1)', [key.toString()]);
        try {
          return await fn(session(client, statementNames));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key.toString()]);
        }
      }),
    close: () => pool.end(),
  };
};
