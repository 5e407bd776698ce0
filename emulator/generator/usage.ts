import { DAY, HISTORY_DAYS, type CompanyPlan } from './plan.ts';
import type { Rng } from './prng.ts';
import { isoDate } from './raw.ts';
import type { HealthProfile, UsageSeries } from './types.ts';

interface Knots { start: number; d90: number; end: number; noise: number }

const knotsFor = (profile: HealthProfile, seats: number, rng: Rng): Knots => {
  switch (profile) {
    case 'thriving': {
      const end = seats * rng.float(0.74, 0.95);
      const d90 = end / rng.float(1.25, 1.6);
      return { start: d90 * rng.float(0.5, 0.95), d90, end, noise: 0.015 };
    }
    case 'stagnant': {
      const end = seats * rng.float(0.4, 0.57);
      return { start: Math.min(seats * 0.9, end * rng.float(0.7, 1.2)), d90: end, end, noise: 0.008 };
    }
    case 'declining': {
      const end = seats * rng.float(0.1, 0.3);
      const d90 = Math.min(seats * 0.9, end / rng.float(0.45, 0.68));
      return { start: Math.min(seats, d90 * rng.float(0.9, 1.2)), d90, end, noise: 0.015 };
    }
    case 'dark':
      return { start: seats * rng.float(0.25, 0.45), d90: 0, end: 0, noise: 0.02 };
    case 'onboarding':
      return { start: 0, d90: 0, end: seats * rng.float(0.2, 0.6), noise: 0.02 };
  }
};

const lerp = (a: number, b: number, t: number): number => a + (b - a) * Math.min(1, Math.max(0, t));

/** The curve's shape by profile; points 90 days apart carry the trend the archetype promises. */
const shape = (profile: HealthProfile, k: Knots, day: number, last: number, darkFrom: number): number => {
  const d90Day = last - 90;
  if (profile === 'onboarding') return lerp(0, k.end, Math.sqrt(Math.max(0, day - 3) / Math.max(1, last - 3)));
  if (profile === 'dark') return day >= darkFrom ? 0 : lerp(k.start, k.start * 0.6, day / Math.max(1, darkFrom));
  return day <= d90Day ? lerp(k.start, k.d90, day / Math.max(1, d90Day)) : lerp(k.d90, k.end, (day - d90Day) / 90);
};

/** Rounding small user counts can erase a trend; nudge the 90-day reference so the archetype's rule still holds. */
const enforce = (profile: HealthProfile, values: number[], last: number): void => {
  const endValue = values[last] ?? 0;
  const at = last - 90;
  if (at < 0) return;
  const ref = values[at] ?? 0;
  if (profile === 'thriving' && endValue < ref * 1.16) values[at] = Math.floor(endValue / 1.16);
  if (profile === 'declining' && endValue > ref * 0.74) values[at] = Math.ceil(endValue / 0.74);
  if (profile === 'stagnant' && Math.abs(endValue - ref) > ref * 0.04) values[at] = endValue;
};

/** Daily active users (30-day rolling) from the contract start (at most 18 months back) to now or the churn. */
export const usageFor = (plan: CompanyPlan, profile: HealthProfile | null, rng: Rng, nowMs: number): UsageSeries | null => {
  if (profile === null || plan.contractStartMs === null) return null;
  const startMs = Math.max(plan.contractStartMs, nowMs - HISTORY_DAYS * DAY);
  const startDay = startMs - (startMs % DAY);
  const last = Math.max(0, Math.floor((plan.anchorMs - startDay) / DAY));
  const knots = knotsFor(profile, plan.seats, rng);
  const darkFrom = last - (plan.lastTwoWayDaysAgo ?? 0);
  const values: number[] = new Array<number>(last + 1);
  for (let day = 0; day <= last; day++) {
    const noisy = shape(profile, knots, day, last, darkFrom) * (1 + rng.float(-knots.noise, knots.noise));
    values[day] = Math.min(plan.seats, Math.max(0, Math.round(noisy)));
  }
  enforce(profile, values, last);
  const keyFeatures = { thriving: [5, 8], stagnant: [3, 5], declining: [1, 3], dark: [0, 2], onboarding: [1, 3] }[profile];
  return {
    companyId: plan.id, metric: 'active_users', granularity: 'day', startDate: isoDate(startDay), values,
    seats: plan.seats, keyFeaturesUsed: rng.int(keyFeatures[0] ?? 0, keyFeatures[1] ?? 0),
  };
};
