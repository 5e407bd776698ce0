export type JobMessage = { type: 'start' | 'end'; worker: string; portalId: number; jobId: string; at: number; ok?: boolean };

export const isJobMessage = (message: unknown): message is JobMessage =>
  typeof message === 'object' && message !== null && ['start', 'end'].includes((message as { type?: string }).type ?? '');

export interface Interval { worker: string; portalId: number; jobId: string; start: number; end: number; ok: boolean | null }

/**
 * Each job run as an interval; a run with no end (its worker was killed) ends when its worker died, or is still open.
 */
export const intervalsOf = (messages: readonly JobMessage[], diedAt: Readonly<Record<string, number>> = {}): Interval[] => {
  const open = new Map<string, Interval>();
  const done: Interval[] = [];
  for (const m of messages) {
    const key = `${m.worker}/${m.jobId}`;
    if (m.type === 'start') open.set(key, { worker: m.worker, portalId: m.portalId, jobId: m.jobId, start: m.at, end: Number.POSITIVE_INFINITY, ok: null });
    else {
      const run = open.get(key);
      open.delete(key);
      if (run) done.push({ ...run, end: m.at, ok: m.ok ?? false });
    }
  }
  for (const run of open.values()) done.push({ ...run, end: diedAt[run.worker] ?? Number.POSITIVE_INFINITY });
  return done;
};

/** Pairs of runs of one portal that overlapped in time: each pair is a portal synced twice at once. */
export const overlaps = (intervals: readonly Interval[]): Array<[Interval, Interval]> => {
  const found: Array<[Interval, Interval]> = [];
  for (const [i, a] of intervals.entries()) {
    for (const b of intervals.slice(i + 1)) if (a.portalId === b.portalId && a.start < b.end && b.start < a.end) found.push([a, b]);
  }
  return found;
};
