/**
 * Key names whose values are secrets wherever they sit in a logged object. Compared case-insensitively with `-` and
 * `_` dropped, so `access_token`, `accessToken` and `Access-Token` are one name.
 */
const secretKeys = new Set([
  'accesstoken', 'refreshtoken', 'clientsecret', 'encryptionkey', 'encryptionpreviouskeys', 'apikey', 'xapikey', 'token',
  'password', 'authorization', 'cookie', 'setcookie', 'xhubspotsignature', 'xhubspotsignaturev3',
  'hubspotclientsecret', 'databaseurl',
]);

const normalise = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

export const isSecretKey = (key: string): boolean => secretKeys.has(normalise(key));

// Deeper than any object Waypoint logs; past it the value is dropped rather than walked, so a hostile shape costs little.
const MAX_DEPTH = 32;

const isPlain = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const walk = (value: unknown, censor: string, depth: number, seen: WeakSet<object>): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) {
    seen.add(value);
    const copy = value.map((item) => walk(item, censor, depth + 1, seen));
    seen.delete(value);
    return copy;
  }
  // Errors, dates, buffers and request objects keep their own serializers (and pino's path redaction for headers).
  if (!isPlain(value)) return value;
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = isSecretKey(key) ? censor : walk(item, censor, depth + 1, seen);
  seen.delete(value);
  return copy;
};

/** A copy of `value` with every secret-named key's value replaced by `censor`, at any depth. */
export const redactDeep = <T>(value: T, censor = '[redacted]'): T => walk(value, censor, 0, new WeakSet()) as T;
