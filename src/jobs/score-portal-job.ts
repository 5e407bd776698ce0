import { z } from 'zod';
import type { HubSpotClient } from '../hubspot/client.ts';
import { scorePortal, type ScorePortalReport, type SnapshotSource } from '../portal-scoring/score-portal.ts';
import type { PageScorer } from '../portal-scoring/scoring-pool.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import type { Db } from '../store/db.ts';
import { rescoreRequestsRepository } from '../store/rescore-requests-repository.ts';
import { writeBackPortal, type WriteBackReport } from '../writeback/write-back.ts';

export interface ScoreJobDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  snapshots: SnapshotSource;
  hubspot: Pick<HubSpotClient, 'forPortal'>;
  /** Worker threads to score on (the worker process's); without, the job scores on its own thread. */
  scorer?: PageScorer;
  /** Told as soon as the new cards are stored, before write-back: e.g. to drop this process's cached cards. */
  onScored?(portalId: number, companyIds: readonly string[] | undefined): void;
}

export interface ScoreJobReport {
  scoring: ScorePortalReport;
  writeBack: WriteBackReport;
}

const jobDataSchema = z.object({ portalId: z.number().int().positive() });

/** Data of the score-portal job: `{ portalId }`, named field by field when wrong. What to score is in the store. */
export const parseScoreJobData = (data: Record<string, unknown>): { portalId: number } => {
  const parsed = jobDataSchema.safeParse(data);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `score-portal job data: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

/**
 * The 'score-portal' job: claims the portal's pending rescore requests, scores those companies, writes their
 * properties back, and only then releases the claim. Write-back runs here rather than as a job of its own: the
 * queue keeps one pending job per portal and would merge two write-backs' company lists into one, while the claim
 * covers both steps. A job killed at any point leaves its claim; the retry (same job id) or the portal's next score
 * job takes it over and redoes both steps, which are idempotent: an unchanged card is not stored twice, and
 * write-back sends only values HubSpot does not hold yet. Null when nothing was pending.
 */
export const runScoreJob = async (deps: ScoreJobDeps, input: { portalId: number; jobId: string }): Promise<ScoreJobReport | null> => {
  const { portalId, jobId } = input;
  const requests = rescoreRequestsRepository(deps.db);
  const companyIds = await requests.claim(portalId, jobId, deps.clock.now());
  if (companyIds?.length === 0) return null;
  try {
    const scoring = await scorePortal(deps, { portalId, companyIds });
    deps.onScored?.(portalId, companyIds);
    const writeBack = await writeBackPortal(
      { db: deps.db, portal: deps.hubspot.forPortal(portalId), clock: deps.clock, logger: portalLogger(deps.logger, portalId) },
      companyIds,
    );
    await requests.release(portalId, jobId);
    return { scoring, writeBack };
  } catch (error) {
    await requests.unclaim(portalId, jobId);
    throw error;
  }
};
