import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Session } from './db.ts';
import { preparedStatements } from './pglite-prepared.ts';
import { pgliteStartParams } from './pglite-settings.ts';
import { copyTemplateInto, exists, templateTarball } from './pglite-template.ts';

/**
 * The embedded store: real PostgreSQL compiled to WASM, persisted under dataDir (in memory when dataDir is
 * undefined). It has a single connection, so an in-process lock stands in for the advisory lock: two
 * processes must never open the same dataDir (open-store.ts locks it; use DATABASE_URL for that).
 */
export const openPglite = async (dataDir: string | undefined): Promise<Db & { pglite: PGlite }> => {
  // A new store starts from the initialised template instead of running initdb in this process.
  if (dataDir !== undefined && !(await exists(join(dataDir, 'PG_VERSION')))) await copyTemplateInto(dataDir);
  const loadDataDir = dataDir === undefined ? await templateTarball() : undefined;
  const pglite = new PGlite({ dataDir, loadDataDir, startParams: [...pgliteStartParams] });
  await pglite.waitReady;
  let lockChain: Promise<unknown> = Promise.resolve();
  const statements = preparedStatements(pglite);

  const session = (target: Pick<PGlite, 'query' | 'exec'>): Session => ({
    query: async <Row>(sql: string, params: readonly unknown[] = []) => (await target.query<Row>(sql, [...params])).rows,
    execMany: async (sql: string) => (await target.exec(sql)).map((result) => result.rows as Record<string, unknown>[]),
  });

  return {
    kind: 'pglite',
    pglite,
    queueConnection: { kind: 'pglite', pglite },
    ...session(pglite),
    prepared: <Row>(name: string, sql: string, params: readonly unknown[]) => statements.run<Row>(name, sql, params),
    transaction: (fn) => pglite.transaction((tx) => fn(session(tx))),
    withAdvisoryLock: <T>(_key: bigint, fn: (conn: Session) => Promise<T>): Promise<T> => {
      const run = lockChain.then(() => fn(session(pglite)));
      lockChain = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      statements.forget();
      if (!pglite.closed) await pglite.close();
    },
  };
};
