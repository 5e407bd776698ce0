// What a store that cannot be reached looks like from here: socket errors from the pg driver (possibly wrapped in an
// AggregateError, one per address tried), PostgreSQL's connection-exception and shutdown SQLSTATEs, a pool that
// could not hand out a client in time, and an embedded store that is already closed.
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const outageSqlState = /^(08...|57P0[1-3]|53300)$/;
const outageMessage = /PGlite is closed|Connection terminated|timeout exceeded when trying to connect|connection error|the database system is (starting up|shutting down)/i;

/** True when the error (or anything it wraps) says the store is unreachable rather than that a query was wrong. */
export const isStoreOutage = (error: unknown, depth = 0): boolean => {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (socketCodes.has(code) || outageSqlState.test(code))) return true;
  if (typeof message === 'string' && outageMessage.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isStoreOutage(inner, depth + 1))) return true;
  return isStoreOutage(cause, depth + 1);
};
