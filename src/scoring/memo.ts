/**
 * A function of a string remembered for up to `max` distinct arguments, then forgotten all at once: scoring stays
 * pure (same argument, same answer) while repeated work is done once. A call that throws is not remembered.
 */
export const memoByString = <T>(compute: (key: string) => T, max: number): ((key: string) => T) => {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key) as T;
    const value = compute(key);
    if (known.size >= max) known.clear();
    known.set(key, value);
    return value;
  };
};
