/**
 * The one contract every store adapter (embedded PGlite, real PostgreSQL) fulfils. SQL is PostgreSQL's dialect
 * with $1-style parameters on both; nothing above this file knows which adapter it has.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn inside one transaction on one connection; rolls back if fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements in one round trip (no parameters), returning each statement's rows. */
  execMany(sql: string): Promise<Record<string, unknown>[][]>;
  /** Runs fn while holding a session-level advisory lock on one connection. */
  withAdvisoryLock<T>(key: bigint, fn: (conn: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
