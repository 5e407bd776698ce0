import type { ChildHandle } from './child-process.ts';

type Progress = { type: string; n?: number };

const progressed = (atLeast: number, counter: string) => (message: unknown): message is Progress => {
  const m = message as Progress;
  return m.type === 'done' || (m.type === counter && (m.n ?? 0) >= atLeast);
};

/**
 * Runs a helper child, kill -9 it once it reports its `point`-th request (or other `counter` message), and starts it again, for each point in
 * turn; the last run goes to the end. Returns the final run's 'done' message and how many kills really landed
 * (a run may finish before it reaches its point).
 */
export const runWithCrashes = async <Done>(
  start: () => ChildHandle,
  killPoints: readonly number[],
  isDone: (message: unknown) => message is Done,
  timeoutMs = 300_000,
  counter = 'request',
): Promise<{ done: Done; kills: number }> => {
  let kills = 0;
  for (const point of killPoints) {
    const child = start();
    const reached = await child.waitFor(progressed(point, counter), timeoutMs);
    if (reached.type === 'done') return { done: await child.waitFor(isDone, timeoutMs), kills };
    await child.killHard();
    kills += 1;
  }
  const last = start();
  const done = await last.waitFor(isDone, timeoutMs);
  await last.exited;
  return { done, kills };
};
