import { snapshotFromHubSpot } from '../snapshot/from-hubspot.ts';
import { assembleHistories, type HistoryRows } from '../store/snapshot-repository.ts';
import { scoreOne, type CompanyOutcome, type ScoringContext } from './score-company.ts';

/** One page of the score job for a worker thread: the store's rows of its companies and what the run knows of them. */
export type PageTask = ScoringContext & { rows: HistoryRows };

/** From a page's raw rows to each company's outcome, in id order: all of the score job's work that needs no store. */
export const scorePage = (task: PageTask): CompanyOutcome[] =>
  assembleHistories(task.rows).map((history) => scoreOne(snapshotFromHubSpot(history, task.config), task));

// The pool's worker threads call the module's default export with each task.
export default scorePage;
