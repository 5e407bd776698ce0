/**
 * A function of a string (or a number) remembered for up to `max` distinct arguments, then forgotten all at once:
 * scoring stays pure (same argument, same answer) while repeated work is done once. A call that throws is not
 * remembered.
 */
export const memoBy = <K extends string | number, T>(compute: (key: K) => T, max: number): ((key: K) => T) => {
  const known = new Map<K, T>();
  return (key) => {
    // One lookup for a remembered value; a second only to tell a remembered undefined from none.
    const remembered = known.get(key);
    if (remembered !== undefined || known.has(key)) return remembered as T;
    const value = compute(key);
    if (known.size >= max) known.clear();
    known.set(key, value);
    return value;
  };
};
