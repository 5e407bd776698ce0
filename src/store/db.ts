import type { PGlite } from '@electric-sql/pglite';

/**
 * The one contract every store adapter (embedded PGlite, real PostgreSQL) fulfils. SQL is PostgreSQL's dialect
 * with $1-style parameters on both; nothing above this file knows which adapter it has.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** One connection: parameterised queries plus unparameterised multi-statement scripts (migrations). */
export interface Session extends Queryable {
  /** Runs several statements in one round trip (no parameters), returning each statement's rows. */
  execMany(sql: string): Promise<Record<string, unknown>[][]>;
}

/** What the job queue (pg-boss) needs to keep its tables in this store: the embedded instance, or the server's URL. */
export type QueueConnection = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; connectionString: string };

export interface Db extends Session {
  readonly kind: 'pglite' | 'postgres';
  readonly queueConnection: QueueConnection;
  /** Runs fn inside one transaction on one connection; rolls back if fn throws. */
  transaction<T>(fn: (tx: Session) => Promise<T>): Promise<T>;
  /** Runs fn while holding a session-level advisory lock, on the connection that holds it. */
  withAdvisoryLock<T>(key: bigint, fn: (conn: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
