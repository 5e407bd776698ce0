import {
  allCountries, badIndustries, churnReasons, goodCountries, goodIndustries, otherCountries,
  otherIndustries,
} from './catalog.ts';
import type { Rng } from './prng.ts';
import type { Archetype, ChurnReason, Cohort, Fit, HealthProfile, Segment } from './types.ts';

export const DAY = 86_400_000;
export const HISTORY_DAYS = 548;

/** Everything decided about a company before its records are written; compact, so L and XL portals stay small. */
export interface CompanyPlan {
  index: number;
  id: string;
  archetype: Archetype;
  fit: Fit;
  profile: HealthProfile | null;
  expectedCohort: Cohort | null;
  segment: Segment | null;
  industry: string;
  employees: number;
  country: string;
  ownerId: string;
  createdMs: number;
  contractStartMs: number | null;
  /** The instant the profile is anchored to: the portal's now, or the churn date. */
  anchorMs: number;
  arr: number;
  seats: number;
  churn: { atMs: number; reason: ChurnReason; avoidable: boolean; expected: boolean } | null;
  lastTwoWayDaysAgo: number | null;
  championLeft: boolean;
}

const customerMix: Record<Exclude<Archetype, 'prospect'>, number> = {
  thriving: 16, stagnant: 20, declining: 12, gone_dark: 9, bad_fit: 10, stretch: 12, onboarding: 8, churned: 13,
};

const profileOf = (archetype: Archetype, rng: Rng): HealthProfile | null => {
  switch (archetype) {
    case 'thriving': return 'thriving';
    case 'stagnant': return 'stagnant';
    case 'declining': return 'declining';
    case 'gone_dark': return 'dark';
    case 'onboarding': return 'onboarding';
    case 'bad_fit': return rng.weighted({ thriving: 2, stagnant: 4, declining: 3, dark: 1 });
    case 'stretch': return rng.weighted({ thriving: 3, stagnant: 4, declining: 3 });
    case 'churned': return null;
    case 'prospect': return null;
  }
};

const cohortOfProfile: Record<HealthProfile, Cohort> = {
  thriving: 'positive', stagnant: 'neutral', declining: 'negative', dark: 'dark', onboarding: 'positive',
};

interface FitAttributes { industry: string; employees: number; country: string }

const goodAttributes = (rng: Rng): FitAttributes => ({
  industry: rng.pick(goodIndustries),
  // Bias toward the edges now and then so the fit rule is exercised near its thresholds.
  employees: rng.chance(0.08) ? rng.pick([20, 21, 4990, 5000]) : rng.logInt(20, 5000),
  country: rng.pick(goodCountries),
});

const stretchAttributes = (rng: Rng): FitAttributes => {
  const base = goodAttributes(rng);
  const reason = rng.weighted({ small: 3, huge: 2, country: 3, industry: 3 });
  // Tiny teams are a stretch, not a misfit: size alone never decides bad fit.
  if (reason === 'small') return { ...base, employees: rng.int(1, 19) };
  if (reason === 'huge') return { ...base, employees: rng.logInt(5001, 80_000) };
  if (reason === 'country') return { ...base, country: rng.pick(otherCountries) };
  return { ...base, industry: rng.pick(otherIndustries) };
};

const badAttributes = (rng: Rng): FitAttributes => {
  if (rng.chance(0.3)) return { industry: rng.pick(badIndustries), employees: rng.int(1, 4), country: rng.pick(allCountries) };
  return { industry: rng.pick(badIndustries), employees: rng.logInt(1, 3000), country: rng.pick(allCountries) };
};

const prospectAttributes = (rng: Rng): { attrs: FitAttributes; fit: Fit } => {
  const fit = rng.weighted<Fit>({ good: 6, stretch: 2, bad: 2 });
  const attrs = fit === 'good' ? goodAttributes(rng) : fit === 'stretch' ? stretchAttributes(rng) : badAttributes(rng);
  return { attrs, fit };
};

const segmentArr = (rng: Rng): { segment: Segment; arr: number } => {
  const segment = rng.weighted<Segment>({ small: 45, mid: 40, large: 15 });
  const arr = segment === 'small' ? rng.int(6_000, 11_900) : segment === 'mid' ? rng.int(12_000, 99_000) : rng.int(100_000, 600_000);
  return { segment, arr: Math.round(arr / 100) * 100 };
};

const churnPlan = (rng: Rng, nowMs: number): NonNullable<CompanyPlan['churn']> => {
  const avoidable = rng.chance(0.65);
  const reason: ChurnReason = avoidable ? rng.pick(churnReasons.avoidable) : rng.pick(churnReasons.unavoidable);
  // Avoidable churn was usually visible beforehand; acquisitions and shutdowns mostly come out of the blue.
  const expected = rng.chance(avoidable ? 0.75 : 0.3);
  return { atMs: nowMs - rng.int(31, 180) * DAY, reason, avoidable, expected };
};

const churnedProfile = (rng: Rng, expected: boolean): HealthProfile =>
  expected ? rng.weighted({ declining: 3, dark: 2 }) : rng.weighted({ stagnant: 3, thriving: 1 });

const customerDates = (rng: Rng, profile: HealthProfile | null, anchorMs: number): number => {
  if (profile === 'onboarding') return anchorMs - rng.int(8, 55) * DAY;
  // A flat renewal closed in the last year needs a contract older than a year.
  if (profile === 'stagnant') return anchorMs - rng.int(400, 1100) * DAY;
  return anchorMs - rng.int(150, 1100) * DAY;
};

const lastTwoWayFor = (profile: HealthProfile | null, rng: Rng): number | null => {
  switch (profile) {
    case 'thriving': return rng.int(1, 6);
    case 'onboarding': return rng.int(1, 6);
    case 'stagnant': return rng.int(8, 28);
    case 'declining': return rng.int(15, 28);
    case 'dark': return rng.int(45, 150);
    default: return null;
  }
};

export const planCompany = (rng: Rng, index: number, nowMs: number, ownerIds: readonly string[]): CompanyPlan => {
  const id = String(companyIdBase + index);
  const ownerId = rng.pick(ownerIds);
  if (rng.chance(0.3)) {
    const { attrs, fit } = prospectAttributes(rng);
    return {
      index, id, archetype: 'prospect', fit, profile: null, expectedCohort: null, segment: null, ...attrs, ownerId,
      createdMs: nowMs - rng.int(5, 500) * DAY - rng.int(0, DAY - 1), contractStartMs: null, anchorMs: nowMs,
      arr: 0, seats: 0, churn: null, lastTwoWayDaysAgo: null, championLeft: false,
    };
  }
  const archetype = rng.weighted(customerMix);
  const churn = archetype === 'churned' ? churnPlan(rng, nowMs) : null;
  const profile = churn ? churnedProfile(rng, churn.expected) : profileOf(archetype, rng);
  const fit: Fit = archetype === 'bad_fit' || churn?.reason === 'bad_fit' ? 'bad' : archetype === 'stretch' ? 'stretch' : 'good';
  const attrs = fit === 'bad' ? badAttributes(rng) : fit === 'stretch' ? stretchAttributes(rng) : goodAttributes(rng);
  const anchorMs = churn ? churn.atMs : nowMs;
  const contractStartMs = customerDates(rng, profile, anchorMs);
  const { segment, arr } = segmentArr(rng);
  const pricePerSeat = segment === 'small' ? rng.int(250, 400) : segment === 'mid' ? rng.int(350, 700) : rng.int(500, 1200);
  const expectedCohort = archetype === 'churned' ? null : fit === 'bad' ? 'bad_fit' : profile ? cohortOfProfile[profile] : null;
  return {
    index, id, archetype, fit, profile, expectedCohort, segment, ...attrs, ownerId,
    createdMs: contractStartMs - rng.int(20, 200) * DAY - rng.int(0, DAY - 1), contractStartMs, anchorMs,
    arr, seats: Math.max(20, Math.round(arr / pricePerSeat)), churn,
    lastTwoWayDaysAgo: lastTwoWayFor(profile, rng),
    championLeft: profile === 'declining' ? rng.chance(0.4) : rng.chance(0.04),
  };
};

export const companyIdBase = 100_000_000;
