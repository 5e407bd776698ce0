import type { GoalBody } from './portfolio.schema.ts';

export type GoalTarget = GoalBody['target'];
export type GoalStatus = 'on_track' | 'behind' | 'unknown';

export interface GoalProgress {
  measure: 'customers' | 'nrr';
  targetValue: number | null;
  expectedByNow: number | null;
  status: GoalStatus;
}

/** What a goal is measured by: a count goal counts customers in its cell, an NRR goal reads the cell's trailing NRR. */
export const measureOf = (target: GoalTarget): GoalProgress['measure'] => (target.kind === 'count' ? 'customers' : 'nrr');

/** The value to reach: the baseline moved by the percentage, or the NRR level itself (no baseline needed). */
export const targetValueOf = (target: GoalTarget, baseline: number | null): number | null => {
  if (target.kind === 'nrr') return target.nrr;
  return baseline === null ? null : baseline * (1 + target.changePercent / 100);
};

/**
 * Progress at `now`: expected-by-now moves from the baseline to the target in a straight line over the horizon (and
 * stays at the target once it is due); the goal is on track when the current value is at or past it in the target's
 * direction. Without a baseline or a current value (an NRR over an empty base) nothing can be said: unknown.
 */
export const goalProgress = (
  goal: { target: GoalTarget; baseline: number | null; createdAt: Date; dueAt: Date },
  current: number | null,
  now: Date,
): GoalProgress => {
  const measure = measureOf(goal.target);
  const targetValue = targetValueOf(goal.target, goal.baseline);
  if (goal.baseline === null || targetValue === null) return { measure, targetValue, expectedByNow: null, status: 'unknown' };
  const span = goal.dueAt.getTime() - goal.createdAt.getTime();
  const elapsed = Math.min(1, Math.max(0, (now.getTime() - goal.createdAt.getTime()) / span));
  const expectedByNow = goal.baseline + (targetValue - goal.baseline) * elapsed;
  if (current === null) return { measure, targetValue, expectedByNow, status: 'unknown' };
  const downwards = targetValue < goal.baseline;
  const onTrack = downwards ? current <= expectedByNow : current >= expectedByNow;
  return { measure, targetValue, expectedByNow, status: onTrack ? 'on_track' : 'behind' };
};
