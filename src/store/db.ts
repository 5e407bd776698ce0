import type { PGlite } from '@electric-sql/pglite';

/**
 * The one contract every store adapter (embedded PGlite, real PostgreSQL) fulfils. SQL is PostgreSQL's dialect
 * with $1-style parameters on both; nothing above this file knows which adapter it has.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * query for a statement run often enough that parsing and planning it each time is its cost: parsed once per name
   * per connection, then only bound and executed. A name stands for one SQL text. Optional: a transaction's session
   * on the embedded store, or a wrapper that replaces query, leaves it out, and queryNamed falls back to query.
   */
  prepared?<Row = Record<string, unknown>>(name: string, sql: string, params: readonly unknown[]): Promise<Row[]>;
}

/** Holds a statement name to its first SQL text: a second text under the same name is a bug, not another statement. */
export const claimStatementName = (names: Map<string, string>, name: string, sql: string): void => {
  const claimed = names.get(name);
  if (claimed === undefined) names.set(name, sql);
  else if (claimed !== sql) throw new Error(`prepared statement ${name} is already bound to another SQL text`);
};

/** The statement through the store's named prepared statement when it has them, through query otherwise. */
export const queryNamed = <Row = Record<string, unknown>>(db: Queryable, name: string, sql: string, params: readonly unknown[]): Promise<Row[]> =>
  db.prepared ? db.prepared<Row>(name, sql, params) : db.query<Row>(sql, params);

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
