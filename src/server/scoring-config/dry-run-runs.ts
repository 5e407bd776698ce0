import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock.ts';
import { AppError, errorCatalogue, isAppError, type ErrorCode } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Queryable } from '../../store/db.ts';
import { dryRunsRepository, type DryRunFailure } from '../../store/dry-runs-repository.ts';
import type { DryRunProgress, DryRunReport } from './dry-run.ts';

// A whole-portal dry run on a large portal takes longer than hubspot.fetch waits (15 s), so a run that is not done
// within a second answers with an id to poll. The process that started it runs it and keeps its row in the store
// current; the settings page's polls may land on any web process behind the load balancer, and all read that row.

const KEEP_MS = 10 * 60_000;
const HEARTBEAT_MS = 10_000;
// Several missed heartbeats, so a process busy under load is not declared dead; a dead one is found within a minute.
const LOST_AFTER_MS = 60_000;

const LOST: DryRunFailure = { code: 'DRY_RUN_LOST', message: 'The process running this dry run stopped before it finished: start it again.' };

export type DryRunStatus =
  | { status: 'running'; dryRunId: string; progress: DryRunProgress | null }
  | { status: 'done'; dryRunId: string; report: DryRunReport };

export interface DryRunRunsDeps {
  db: Queryable;
  clock: Clock;
  logger?: Logger;
  heartbeatMs?: number;
  lostAfterMs?: number;
}

const failureOf = (error: unknown): DryRunFailure =>
  isAppError(error) ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'The dry run failed unexpectedly: start it again.' };
const errorOf = (failure: DryRunFailure): AppError =>
  new AppError(failure.code in errorCatalogue ? (failure.code as ErrorCode) : 'INTERNAL', failure.message);

const isProgress = (value: unknown): value is DryRunProgress =>
  typeof value === 'object' && value !== null && 'phase' in value && 'companiesDone' in value && typeof value.companiesDone === 'number';

export const dryRunRuns = (deps: DryRunRunsDeps) => {
  const store = dryRunsRepository(deps.db);
  const heartbeatMs = deps.heartbeatMs ?? HEARTBEAT_MS;
  const lostAfterMs = deps.lostAfterMs ?? LOST_AFTER_MS;
  const at = (offsetMs = 0) => new Date(deps.clock.now().getTime() + offsetMs);

  return {
    /**
     * Records the run and starts `execute` in this process; answers with its report if it is done within `waitMs`,
     * else with the id any process can poll. A failure within `waitMs` is thrown as it came.
     */
    async start(
      portalId: number, requestedBy: string, execute: (onProgress: (p: DryRunProgress) => void) => Promise<DryRunReport>, waitMs = 1_000,
    ): Promise<DryRunStatus> {
      await store.purgeExpired(at());
      const id = randomUUID();
      await store.start({ id, portalId, requestedBy, now: at(), expiresAt: at(KEEP_MS) });
      // One write at a time, in order: a late heartbeat must not overtake the result.
      let writes: Promise<void> = Promise.resolve();
      const write = (fn: () => Promise<void>) => {
        writes = writes.then(fn).catch((error: unknown) => deps.logger?.warn({ err: error, dryRunId: id }, 'dry run state not stored'));
        return writes;
      };
      const heartbeat = setInterval(() => void write(() => store.beat(id, at(), at(KEEP_MS))), heartbeatMs);
      heartbeat.unref();
      const run: { outcome?: { report: DryRunReport } | { error: unknown } } = {};
      const finished = execute((progress) => void write(() => store.beat(id, at(), at(KEEP_MS), progress)))
        .then((report) => ({ report }), (error: unknown) => ({ error }))
        .then(async (result) => {
          clearInterval(heartbeat);
          run.outcome = result;
          if ('error' in result && !isAppError(result.error)) deps.logger?.error({ err: result.error, dryRunId: id, portalId }, 'dry run failed');
          await write(() => store.finish(id, at(), at(KEEP_MS), 'report' in result ? result : { error: failureOf(result.error) }));
        });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise((resolve) => { timer = setTimeout(resolve, waitMs); })]);
      clearTimeout(timer);
      if (run.outcome && 'error' in run.outcome) throw run.outcome.error;
      return run.outcome ? { status: 'done', dryRunId: id, report: run.outcome.report } : { status: 'running', dryRunId: id, progress: null };
    },

    /** The run's status as the store holds it, or null when the portal has no such run (or it expired). */
    async status(portalId: number, id: string): Promise<DryRunStatus | null> {
      await store.settleIfLost(id, at(-lostAfterMs), LOST);
      const run = await store.find(portalId, id, at());
      if (!run) return null;
      if (run.state === 'failed') throw errorOf(run.error ?? LOST);
      if (run.state === 'done') return { status: 'done', dryRunId: id, report: run.report as DryRunReport };
      return { status: 'running', dryRunId: id, progress: isProgress(run.progress) ? run.progress : null };
    },
  };
};
export type DryRunRuns = ReturnType<typeof dryRunRuns>;
