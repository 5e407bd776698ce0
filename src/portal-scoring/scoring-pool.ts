import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import type { CompanyOutcome } from './score-company.ts';
import type { PageTask } from './score-worker.ts';

/** Scores a page of companies off the calling thread; `threads` pages can be scored at once. */
export interface PageScorer {
  readonly threads: number;
  score(task: PageTask): Promise<CompanyOutcome[]>;
  close(): Promise<void>;
}

// As the npm scripts' --max-semi-space-size=16 for the main thread: V8's young generation is three semi-spaces, and
// a larger one only lets a page's short-lived garbage pile up in memory (the L sync's peak goal is for the process).
const YOUNG_GENERATION_MB = 48;
// Without a cap a thread's old generation grew by about 100 MB over an M portal's run though a page keeps a few MB
// alive (V8 sizes it from the machine's memory); capped, the run peaked 30 MB above scoring in-thread. A page that
// outgrew it would fail its run, to be retried like any failed job.
const OLD_GENERATION_MB = 128;
// Threads leave after this long without a page, so a worker process between score jobs holds only its main thread.
const IDLE_MS = 30_000;

/**
 * Worker threads for the score job's CPU-bound part, one per core but the main thread's, which reads the store
 * (on the embedded store it also runs the database) and stores cards meanwhile. Threads start with the first page
 * and load the repo's .ts files as the main process does (Node's type stripping).
 */
export const scoringPool = (threads = Math.max(1, availableParallelism() - 1)): PageScorer => {
  const pool = new Tinypool({
    filename: new URL('./score-worker.ts', import.meta.url).href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: IDLE_MS,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
  });
  return { threads, score: (task) => pool.run(task) as Promise<CompanyOutcome[]>, close: () => pool.destroy() };
};
