/** The clock is injected so tests and the scoring core never read the wall time themselves. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (at: Date | string): Clock => {
  const fixed = new Date(at);
  return { now: () => new Date(fixed) };
};
