import { setImmediate } from 'node:timers/promises';

/**
 * A backtest of a large portal is minutes of scoring. Written as a generator that yields every so many scorings, it
 * runs to the end at once (the CLI, tests) or hands the event loop back at each yield (a job, whose heartbeat and
 * neighbours must keep running in the same process).
 */
export type Steps<T> = Generator<void, T, void>;

/** Scorings between two yields: a few hundred milliseconds of work on a busy machine. */
export const SCORINGS_PER_STEP = 250;

export const runSteps = <T>(steps: Steps<T>): T => {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
};

export const runStepsYielding = async <T>(steps: Steps<T>, signal?: AbortSignal): Promise<T> => {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    signal?.throwIfAborted();
    await setImmediate();
  }
};
