import { describe, expect, it } from 'vitest';
import { goalProgress, targetValueOf } from '../../src/portfolio/goals.ts';

const createdAt = new Date('2026-05-01T00:00:00Z');
const dueAt = new Date('2026-11-01T00:00:00Z');
const halfway = new Date(createdAt.getTime() + (dueAt.getTime() - createdAt.getTime()) / 2);

describe('cohort goal progress', () => {
  // "Reduce good-fit negative customers in the Small segment by 50% in 6 months": 40 → 20.
  const halve = { target: { kind: 'count', changePercent: -50 } as const, baseline: 40, createdAt, dueAt };

  it('when halfway through a goal to halve 40 customers, then 30 are expected by now and 28 is on track, 33 behind', () => {
    expect(goalProgress(halve, 28, halfway)).toEqual({ measure: 'customers', targetValue: 20, expectedByNow: 30, status: 'on_track' });
    expect(goalProgress(halve, 33, halfway)).toMatchObject({ expectedByNow: 30, status: 'behind' });
    expect(goalProgress(halve, 30, halfway).status).toBe('on_track');
  });

  it('when the goal is past due, then expected-by-now is the target itself', () => {
    expect(goalProgress(halve, 21, new Date('2027-01-01T00:00:00Z'))).toMatchObject({ expectedByNow: 20, status: 'behind' });
  });

  // "Positive in Large: 150% NRR": from a baseline of 110%.
  it('when an NRR goal rises from 110% to 150%, then halfway 130% is expected, and 135% is on track', () => {
    const nrr = { target: { kind: 'nrr', nrr: 1.5 } as const, baseline: 1.1, createdAt, dueAt };
    const progress = goalProgress(nrr, 1.35, halfway);
    expect(progress).toMatchObject({ measure: 'nrr', targetValue: 1.5, status: 'on_track' });
    expect(progress.expectedByNow).toBeCloseTo(1.3, 10);
    expect(goalProgress(nrr, 1.2, halfway).status).toBe('behind');
  });

  it('when a count goal grows its cell, then a higher count is the right direction', () => {
    const grow = { target: { kind: 'count', changePercent: 100 } as const, baseline: 10, createdAt, dueAt };
    expect(goalProgress(grow, 16, halfway)).toMatchObject({ targetValue: 20, expectedByNow: 15, status: 'on_track' });
  });

  it('when the cell had no NRR to measure, then the goal\'s status is unknown rather than on track or behind', () => {
    expect(goalProgress({ target: { kind: 'nrr', nrr: 1.2 }, baseline: null, createdAt, dueAt }, 1.3, halfway)).toMatchObject({ expectedByNow: null, status: 'unknown' });
    expect(goalProgress({ target: { kind: 'nrr', nrr: 1.2 }, baseline: 1, createdAt, dueAt }, null, halfway).status).toBe('unknown');
    expect(targetValueOf({ kind: 'count', changePercent: -50 }, null)).toBeNull();
  });
});
