import { jobNames, type JobHandler, type JobName, type Queue } from '../../src/jobs/queue.ts';

export type InlineQueue = Queue & {
  /** Errors of enqueued jobs, which a real queue would record and retry rather than hand to the sender. */
  failures: unknown[];
  /** Runs a worked job type's handler now with this job id, as the queue does for a retry of that job. */
  run(name: JobName, data: Record<string, unknown> & { portalId: number }, jobId: string): Promise<void>;
};

/**
 * The Queue contract in one process without pg-boss: enqueue runs the worked handler at once and resolves when it
 * has finished, as a worker picking the job up straight away would. A job type nobody works stays queued.
 */
export const inlineQueue = (): InlineQueue => {
  const handlers = new Map<JobName, JobHandler>();
  let sent = 0;
  const failures: unknown[] = [];
  const run = async (name: JobName, data: Record<string, unknown> & { portalId: number }, jobId: string) => {
    const handler = handlers.get(name);
    if (!handler) throw new Error(`no worker for ${name}`);
    await handler(data, { jobId, signal: new AbortController().signal });
  };
  return {
    run,
    failures,
    enqueue: async (name, portalId, data = {}) => {
      const jobId = `inline-${(sent += 1)}`;
      if (!handlers.has(name)) return jobId;
      await run(name, { ...data, portalId }, jobId).catch((error: unknown) => failures.push(error));
      return jobId;
    },
    work: async (name, handler) => {
      handlers.set(name, handler);
    },
    depths: async () => Object.fromEntries(jobNames.map((name) => [name, { waiting: 0, active: 0 }])) as Awaited<ReturnType<Queue['depths']>>,
    stop: async () => undefined,
  };
};
