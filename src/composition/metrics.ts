import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestEvent } from '../hubspot/request.ts';
import { jobNames, type JobName, type Queue } from '../jobs/queue.ts';
import type { Clock } from '../shared/clock.ts';
import type { Db } from '../store/db.ts';
import { operationsRepository } from '../store/operations-repository.ts';

export type Metrics = {
  registry: Registry;
  /** The client's per-attempt hook: every HTTP attempt to HubSpot, retries included. */
  onHubSpotRequest(event: RequestEvent): void;
  scored(portalId: number, report: { scored: number; stored: number }): void;
  wroteBack(portalId: number, report: { written: number; unchanged: number; failed: readonly unknown[] }): void;
  /** Wraps the queue so every job's duration and outcome is observed, whichever handler runs it. */
  instrument(queue: Queue): Queue;
};

/**
 * Prometheus metrics for one process. Portal ids are labels: an installation's figures are what an operator asks
 * about first, and a deployment has installations in the hundreds, not the millions. Queue depth and sync lag are
 * read from the store at scrape time, so every process (web or worker) reports the same shared truth.
 */
export const createMetrics = (deps: { db: Db; queue: Queue; clock: Clock }): Metrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'waypoint_process_' });

  const requests = new Counter({
    name: 'waypoint_hubspot_requests_total', help: 'HTTP attempts sent to HubSpot, retries included, by portal and status class',
    labelNames: ['portal', 'status'] as const, registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'waypoint_hubspot_rate_limited_total', help: 'HubSpot attempts answered 429 Too Many Requests, by portal',
    labelNames: ['portal'] as const, registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: 'waypoint_job_duration_seconds', help: 'Wall time of each job run by this process, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const, buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600], registers: [registry],
  });
  const scoredCards = new Counter({
    name: 'waypoint_companies_scored_total', help: 'Companies scored by score jobs in this process, by portal',
    labelNames: ['portal'] as const, registers: [registry],
  });
  const writebacks = new Counter({
    name: 'waypoint_writeback_companies_total', help: 'Companies handled by write-back in this process: written, unchanged or failed, by portal',
    labelNames: ['portal', 'result'] as const, registers: [registry],
  });
  new Gauge({
    name: 'waypoint_queue_jobs', help: 'Jobs in the shared queue now, by queue and state (waiting includes retries)',
    labelNames: ['queue', 'state'] as const, registers: [registry],
    async collect() {
      const depths = await deps.queue.depths();
      for (const name of jobNames) {
        this.set({ queue: name, state: 'waiting' }, depths[name].waiting);
        this.set({ queue: name, state: 'active' }, depths[name].active);
      }
    },
  });
  new Gauge({
    name: 'waypoint_sync_lag_seconds', help: 'Seconds since each active portal last finished a sync (since install when it never has)',
    labelNames: ['portal'] as const, registers: [registry],
    async collect() {
      this.reset();
      const now = deps.clock.now().getTime();
      for (const portal of await operationsRepository(deps.db).lastSyncPerActivePortal()) {
        const since = (portal.lastSyncedAt ?? portal.installedAt).getTime();
        this.set({ portal: String(portal.portalId) }, Math.max(0, (now - since) / 1000));
      }
    },
  });

  const observeJob = (name: JobName, run: () => Promise<void>) => async () => {
    const end = jobSeconds.startTimer({ queue: name });
    try {
      await run();
      end({ outcome: 'completed' });
    } catch (error) {
      end({ outcome: 'failed' });
      throw error;
    }
  };

  return {
    registry,
    onHubSpotRequest: (event) => {
      const portal = String(event.portalId);
      requests.inc({ portal, status: event.status === undefined ? 'none' : `${Math.floor(event.status / 100)}xx` });
      if (event.status === 429) rateLimited.inc({ portal });
    },
    scored: (portalId, report) => scoredCards.inc({ portal: String(portalId) }, report.scored),
    wroteBack: (portalId, report) => {
      const portal = String(portalId);
      writebacks.inc({ portal, result: 'written' }, report.written);
      writebacks.inc({ portal, result: 'unchanged' }, report.unchanged);
      writebacks.inc({ portal, result: 'failed' }, report.failed.length);
    },
    instrument: (queue) => ({
      ...queue,
      work: (name, handler, options) => queue.work(name, (data, context) => observeJob(name, () => handler(data, context))(), options),
    }),
  };
};
