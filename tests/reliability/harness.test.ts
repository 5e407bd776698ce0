import { describe, expect, it } from 'vitest';
import { rateUtilization } from '../../bench/lib/budget-use.ts';
import { percentile } from '../../bench/lib/measure.ts';
import { nestFigures } from '../../bench/lib/results-file.ts';
import { intervalsOf, overlaps, type JobMessage } from './helpers/job-intervals.ts';

// The verdicts of the suite and the benchmark rest on these few calculations: if they were wrong, a broken
// Waypoint could pass.
describe('the harness arithmetic', () => {
  it.each([
    [[5, 1, 3, 2, 4], 50, 3],
    [[5, 1, 3, 2, 4], 95, 5],
    [[10], 99, 10],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99],
  ])('when the sample is %j, then its p%i is %i', (sample, p, expected) => {
    expect(percentile(sample, p)).toBe(expected);
  });

  it('when figures are written, then dotted keys become nested objects and a key under a number is refused', () => {
    expect(nestFigures({ 'sync.S.requests': 79, 'sync.S.http429': 0, 'card.requestsPerSec': 500 }))
      .toEqual({ card: { requestsPerSec: 500 }, sync: { S: { http429: 0, requests: 79 } } });
    expect(() => nestFigures({ sync: 1, 'sync.S.requests': 2 })).toThrow(/collides/);
  });

  it('when a run used each budget for half its time, then its utilization is 1', () => {
    const stats = { requests: 52, rateLimited: 0, retries: 0, failures: 0, byEndpoint: {
      'GET /crm/objects/2026-03/companies': { requests: 50, rateLimited: 0, retries: 0, failures: 0 },
      'POST /crm/objects/2026-03/companies/search': { requests: 2, rateLimited: 0, retries: 0, failures: 0 },
    } };
    // 50 standard requests need half a 10 s window; 2 searches need half a second; 5.5 s of budget over 5.5 s.
    expect(rateUtilization(stats, 5_500, 1)).toBeCloseTo(1);
  });
});

describe('job runs of two workers', () => {
  const m = (type: 'start' | 'end', worker: string, portalId: number, jobId: string, at: number, ok?: boolean): JobMessage =>
    ({ type, worker, portalId, jobId, at, ...(ok === undefined ? {} : { ok }) });

  it('when two workers ran one portal one after the other, then there is no overlap', () => {
    const runs = intervalsOf([m('start', 'A', 1, 'j1', 0), m('end', 'A', 1, 'j1', 10, false), m('start', 'B', 1, 'j2', 11), m('end', 'B', 1, 'j2', 20, true)]);
    expect(overlaps(runs)).toEqual([]);
  });

  it('when the second worker started a portal before the first ended it, then that pair is an overlap', () => {
    const runs = intervalsOf([m('start', 'A', 1, 'j1', 0), m('start', 'B', 1, 'j2', 5), m('end', 'A', 1, 'j1', 10, true), m('end', 'B', 1, 'j2', 20, true)]);
    expect(overlaps(runs)).toHaveLength(1);
  });

  it('when a killed worker never ended its run, then the run lasts until it died, and a later start by the other is no overlap', () => {
    const runs = intervalsOf([m('start', 'A', 1, 'j1', 0), m('start', 'B', 1, 'j1', 30), m('end', 'B', 1, 'j1', 40, true)], { A: 25 });
    expect(runs.find((r) => r.worker === 'A')).toMatchObject({ end: 25, ok: null });
    expect(overlaps(runs)).toEqual([]);
    expect(overlaps(intervalsOf([m('start', 'A', 1, 'j1', 0), m('start', 'B', 1, 'j1', 30)]))).toHaveLength(1);
  });
});
