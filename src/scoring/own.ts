/**
 * A record's own value for a name an admin or a portal chose (segment, property, milestone). Plain indexing would
 * read `constructor`, `toString` or `__proto__` off Object.prototype and hand a function to arithmetic.
 */
export const own = <V>(record: Readonly<Partial<Record<string, V>>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
