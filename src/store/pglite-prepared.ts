import { messages as backend, parse, protocol, type PGlite } from '@electric-sql/pglite';
import { claimStatementName } from './db.ts';

/**
 * Named prepared statements on the embedded store. PGlite's `query` parses, describes and plans its statement on
 * every call (six protocol round trips into the WASM backend); a statement prepared under a name is parsed once and
 * then only bound and executed, one round trip.
 *
 * PGlite's execProtocol methods take none of its locks, so every call here takes the same two that `query` takes
 * (the transaction lock, then the query lock): a prepared call never runs between the statements of another
 * caller's open transaction, and never reads that transaction's uncommitted rows.
 */

/** SQLSTATEs after which the statement must be parsed again: it is gone, or its result shape changed under it. */
const reprepareCodes = new Set(['26000', '0A000']);

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

interface Prepared {
  paramTypes: readonly number[];
}

export interface PreparedStatements {
  run<Row>(name: string, sql: string, params: readonly unknown[]): Promise<Row[]>;
  /** The backend forgets its statements when it closes; so does this. */
  forget(): void;
}

export const preparedStatements = (pglite: PGlite): PreparedStatements => {
  const statements = new Map<string, Prepared>();
  const names = new Map<string, string>();
  const { serialize } = protocol;

  const prepare = async (name: string, sql: string): Promise<Prepared> => {
    const messages = await pglite.execProtocolStream(
      concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const description = messages.find((message) => message.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
    const prepared = { paramTypes: description?.dataTypeIDs ?? [] };
    statements.set(name, prepared);
    return prepared;
  };

  // The same text forms `query` sends: PGlite's serializer for the parameter's type, else the value's own text.
  const values = (prepared: Prepared, params: readonly unknown[]): (string | null)[] =>
    params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serializer = pglite.serializers[prepared.paramTypes[i] ?? -1];
      return serializer ? serializer(param) : String(param);
    });

  const execute = async <Row>(name: string, prepared: Prepared, params: readonly unknown[]): Promise<Row[]> => {
    const messages = await pglite.execProtocolStream(concat([
      serialize.bind({ statement: name, values: values(prepared, params) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]), { syncToFs: true });
    return (parse.parseResults(messages, pglite.parsers)[0]?.rows ?? []) as Row[];
  };

  const drop = async (name: string): Promise<void> => {
    statements.delete(name);
    await pglite.execProtocolStream(concat([serialize.close({ type: 'S', name }), serialize.sync()]), { syncToFs: false, throwOnError: false });
  };

  const runLocked = async <Row>(name: string, sql: string, params: readonly unknown[]): Promise<Row[]> => {
    claimStatementName(names, name, sql);
    const known = statements.get(name);
    try {
      return await execute<Row>(name, known ?? (await prepare(name, sql)), params);
    } catch (error) {
      if (!(known && error instanceof backend.DatabaseError && error.code !== undefined && reprepareCodes.has(error.code))) throw error;
      await drop(name);
      return execute<Row>(name, await prepare(name, sql), params);
    }
  };

  return {
    run: async <Row>(name: string, sql: string, params: readonly unknown[]): Promise<Row[]> => {
      await pglite._checkReady();
      try {
        return await pglite._runExclusiveTransaction(() => pglite._runExclusiveQuery(() => runLocked<Row>(name, sql, params)));
      } catch (error) {
        // The error `query` would have thrown: PostgreSQL's own, with the statement and parameters it came from.
        if (error instanceof backend.DatabaseError) Object.assign(error, { query: sql, params: [...params] });
        throw error;
      }
    },
    forget: () => statements.clear(),
  };
};
