import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';

export interface SyncProgress {
  kind: 'full' | 'incremental' | 'webhook';
  objectType: string | null;
  pages: number;
  records: number;
  requestsUsed: number;
  /** The fewest requests the plan needs (full syncs), so requests left and the ETA follow from it. */
  requestsPlanned: number | null;
  etaSeconds: number | null;
  updatedAt: string;
}

export interface ProgressTracker {
  /** One commit of `pages` HubSpot pages (default one) holding `records` records. */
  page(objectType: string, records: number, pages?: number): SyncProgress;
  setPlanned(requests: number): void;
  snapshot(): SyncProgress;
}

const LOG_EVERY_MS = 5_000;

/**
 * Counts pages, records and requests (from the door's stats, plus what earlier attempts of a resumed run spent) and
 * logs a line at most every few seconds, so a long sync shows it is alive without flooding the log.
 */
export const progressTracker = (options: {
  kind: SyncProgress['kind'];
  clock: Clock;
  logger: Logger;
  requestsSoFar: () => number;
  start?: Partial<Pick<SyncProgress, 'pages' | 'records' | 'requestsPlanned'>>;
}): ProgressTracker => {
  const startedMs = options.clock.now().getTime();
  const requestsAtStart = options.requestsSoFar();
  let objectType: string | null = null;
  let pages = options.start?.pages ?? 0;
  let records = options.start?.records ?? 0;
  let planned = options.start?.requestsPlanned ?? null;
  let lastLogMs = 0;

  const snapshot = (): SyncProgress => {
    const now = options.clock.now();
    const used = options.requestsSoFar();
    const spentHere = used - requestsAtStart;
    const elapsedMs = now.getTime() - startedMs;
    const left = planned === null ? null : Math.max(0, planned - used);
    const etaSeconds = left === null || spentHere === 0 ? null : Math.round((left * elapsedMs) / spentHere / 1000);
    return { kind: options.kind, objectType, pages, records, requestsUsed: used, requestsPlanned: planned, etaSeconds, updatedAt: now.toISOString() };
  };

  return {
    page(type, count, committed = 1) {
      objectType = type;
      pages += committed;
      records += count;
      const current = snapshot();
      const nowMs = Date.parse(current.updatedAt);
      if (nowMs - lastLogMs >= LOG_EVERY_MS) {
        lastLogMs = nowMs;
        options.logger.info({ progress: current }, 'sync progress');
      }
      return current;
    },
    setPlanned(requests) {
      planned = requests;
    },
    snapshot,
  };
};
