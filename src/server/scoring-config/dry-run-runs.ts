import { randomUUID } from 'node:crypto';
import type { DryRunProgress, DryRunReport } from './dry-run.ts';

// A whole-portal dry run on a large portal takes longer than hubspot.fetch waits (15 s), so a run that is not done
// within a second answers with an id to poll. Runs live in this process's memory for a few minutes: enough for the
// page that started one, and nothing to clean up after a restart (the page then simply starts it again).

const KEEP_MS = 10 * 60_000;
const MAX_RUNS = 50;

type Run = { portalId: number; startedAt: number; progress: DryRunProgress | null; report?: DryRunReport; error?: unknown };

export type DryRunStatus =
  | { status: 'running'; dryRunId: string; progress: DryRunProgress | null }
  | { status: 'done'; dryRunId: string; report: DryRunReport };

export const dryRunRuns = () => {
  const runs = new Map<string, Run>();
  const forget = (now: number) => {
    for (const [id, run] of runs) if (now - run.startedAt > KEEP_MS) runs.delete(id);
    while (runs.size >= MAX_RUNS) runs.delete(runs.keys().next().value as string);
  };
  const statusOf = (id: string, run: Run): DryRunStatus => {
    if (run.error !== undefined) throw run.error;
    return run.report ? { status: 'done', dryRunId: id, report: run.report } : { status: 'running', dryRunId: id, progress: run.progress };
  };
  return {
    /** Starts `execute`; answers with its report if it is done within `waitMs`, else with the id to poll. */
    async start(portalId: number, execute: (onProgress: (p: DryRunProgress) => void) => Promise<DryRunReport>, waitMs = 1_000): Promise<DryRunStatus> {
      forget(Date.now());
      const id = randomUUID();
      const run: Run = { portalId, startedAt: Date.now(), progress: null };
      runs.set(id, run);
      const finished = execute((progress) => {
        run.progress = progress;
      }).then((report) => {
        run.report = report;
      }, (error: unknown) => {
        run.error = error;
      });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([finished, new Promise((resolve) => { timer = setTimeout(resolve, waitMs); })]);
      clearTimeout(timer);
      return statusOf(id, run);
    },
    /** The run's status, or null when this process holds no such run of that portal. */
    status(portalId: number, id: string): DryRunStatus | null {
      const run = runs.get(id);
      return run && run.portalId === portalId ? statusOf(id, run) : null;
    },
  };
};
export type DryRunRuns = ReturnType<typeof dryRunRuns>;
