import { DAY, HISTORY_DAYS, type CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import { isoDate } from './raw.ts';
import type { HealthProfile, Trajectory, UsageSeries } from './types.ts';

interface Knots { start: number; d90: number; end: number; noise: number }

/** Active users follow the value the trajectory realises; the product's telemetry adds a little daily noise. */
const knotsFor = (profile: HealthProfile, t: Trajectory, seats: number, rng: Rng): Knots => {
  const d90 = seats * t.valueBefore;
  const end = seats * t.value;
  if (profile === 'dark') return { start: d90, d90: 0, end: 0, noise: 0.03 };
  if (profile === 'onboarding') return { start: 0, d90: 0, end, noise: 0.03 };
  return { start: Math.min(seats, d90 * rng.float(0.7, 1.15)), d90, end, noise: 0.03 };
};

const lerp = (a: number, b: number, t: number): number => a + (b - a) * Math.min(1, Math.max(0, t));

const shape = (profile: HealthProfile, k: Knots, day: number, last: number, darkFrom: number): number => {
  const d90Day = last - 90;
  if (profile === 'onboarding') return lerp(0, k.end, Math.sqrt(Math.max(0, day - 3) / Math.max(1, last - 3)));
  if (profile === 'dark') return day >= darkFrom ? 0 : lerp(k.start, k.start * 0.6, day / Math.max(1, darkFrom));
  return day <= d90Day ? lerp(k.start, k.d90, day / Math.max(1, d90Day)) : lerp(k.d90, k.end, (day - d90Day) / 90);
};

/** Daily active users (30-day rolling) from the contract start (at most 18 months back) to now or the churn. */
export const usageFor = (plan: CompanyPlan, rng: Rng, nowMs: number): UsageSeries | null => {
  const { profile, trajectory } = plan;
  if (profile === null || trajectory === null || plan.contractStartMs === null) return null;
  const startMs = Math.max(plan.contractStartMs, nowMs - HISTORY_DAYS * DAY);
  const startDay = startMs - (startMs % DAY);
  const last = Math.max(0, Math.floor((plan.anchorMs - startDay) / DAY));
  const knots = knotsFor(profile, trajectory, plan.seats, rng);
  const darkFrom = last - trajectory.silentDays;
  const values: number[] = new Array<number>(last + 1);
  for (let day = 0; day <= last; day++) {
    const noisy = shape(profile, knots, day, last, darkFrom) * (1 + rng.float(-knots.noise, knots.noise));
    values[day] = Math.min(plan.seats, Math.max(0, Math.round(noisy)));
  }
  // Breadth follows depth: a customer getting more value uses more of the key features, give or take one.
  const keyFeatures = profile === 'dark' ? rng.int(0, 2) : Math.max(0, Math.min(8, Math.round(1 + trajectory.value * 8 + rng.float(-1.2, 1.2))));
  return {
    companyId: plan.id, metric: 'active_users', granularity: 'day', startDate: isoDate(startDay), values,
    seats: plan.seats, keyFeaturesUsed: keyFeatures,
  };
};
