import {
  allCountries, badIndustries, churnReasons, goodCountries, goodIndustries, otherCountries,
  otherIndustries,
} from './catalog.ts';
import type { Rng } from './prng.ts';
import type { Archetype, ChurnReason, Cohort, Fit, HealthProfile, PortalProfile, Segment, Trajectory } from './types.ts';

export const DAY = 86_400_000;
export const HISTORY_DAYS = 548;

/** Everything decided about a company before its records are written; compact, so L and XL portals stay small. */
export interface CompanyPlan {
  index: number;
  id: string;
  profileOfPortal: PortalProfile;
  archetype: Archetype;
  fit: Fit;
  profile: HealthProfile | null;
  trajectory: Trajectory | null;
  expectedCohort: Cohort | null;
  segment: Segment | null;
  industry: string;
  employees: number;
  country: string;
  /** The company's owner first; CSMs who handed the account over (and log activity on it) after. */
  ownerIds: readonly string[];
  createdMs: number;
  contractStartMs: number | null;
  /** The instant the trajectory is anchored to: the portal's now, or the churn date. */
  anchorMs: number;
  arr: number;
  seats: number;
  churn: { atMs: number; reason: ChurnReason; avoidable: boolean; expected: boolean } | null;
  lastTwoWayDaysAgo: number | null;
  championLeft: boolean;
}

// The world's own definitions (docs/emulator-archetypes.md), deliberately not Waypoint's scoring thresholds.
const DARK_AFTER_DAYS = 42;
const LOW_VALUE = 0.3;
const FALLING = 0.8;
const GOOD_VALUE = 0.5;
const GROWING = 1.12;

/** The cohort a customer is truly in, read off its trajectory. */
export const cohortOfTrajectory = (fit: Fit, t: Trajectory, onboarding: boolean): Cohort => {
  if (fit === 'bad') return 'bad_fit';
  if (t.silentDays >= DARK_AFTER_DAYS) return 'dark';
  if (onboarding) return 'positive';
  const growth = t.valueBefore > 0 ? t.value / t.valueBefore : 1;
  if (t.value < LOW_VALUE || growth < FALLING) return 'negative';
  return t.value >= GOOD_VALUE && growth >= GROWING ? 'positive' : 'neutral';
};

const customerMix: Record<Exclude<Archetype, 'prospect' | 'churned'>, number> = {
  thriving: 18, stagnant: 23, declining: 14, gone_dark: 10, bad_fit: 11, stretch: 14, onboarding: 9,
};

const profileOf = (archetype: Archetype, rng: Rng): HealthProfile => {
  switch (archetype) {
    case 'thriving': return 'thriving';
    case 'stagnant': return 'stagnant';
    case 'declining': return 'declining';
    case 'gone_dark': return 'dark';
    case 'onboarding': return 'onboarding';
    case 'bad_fit': return rng.weighted({ thriving: 2, stagnant: 4, declining: 3, dark: 1 });
    default: return rng.weighted({ thriving: 3, stagnant: 4, declining: 3 });
  }
};

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** A responsive customer was heard from days ago, a reluctant one weeks ago. */
const silence = (responsiveness: number, rng: Rng): number =>
  Math.max(1, Math.round(1 + (1 - responsiveness) * 30 + rng.float(-4, 4)));

/**
 * The hidden trajectory a behaviour family is drawn from. The ranges overlap the world's cohort boundaries on
 * purpose: some thriving customers only hold steady, some stagnant ones slip, so the truth is read off the draw.
 */
const drawTrajectory = (profile: HealthProfile, rng: Rng): Trajectory => {
  const supportCrisis = rng.chance(profile === 'declining' ? 0.5 : 0.04);
  switch (profile) {
    case 'thriving': {
      const value = rng.float(0.5, 0.95);
      const responsiveness = rng.float(0.55, 1);
      return { valueBefore: value / rng.float(1.04, 1.6), value, responsiveness, silentDays: silence(responsiveness, rng), supportCrisis };
    }
    case 'stagnant': {
      const value = rng.float(0.27, 0.7);
      const responsiveness = rng.float(0.3, 0.75);
      return { valueBefore: clamp01(value / rng.float(0.86, 1.14)), value, responsiveness, silentDays: silence(responsiveness, rng), supportCrisis };
    }
    case 'declining': {
      const value = rng.float(0.06, 0.4);
      const responsiveness = rng.float(0.2, 0.6);
      return { valueBefore: clamp01(value / rng.float(0.4, 0.86)), value, responsiveness, silentDays: silence(responsiveness, rng), supportCrisis };
    }
    case 'dark':
      return { valueBefore: rng.float(0.2, 0.45), value: 0, responsiveness: rng.float(0, 0.2), silentDays: rng.int(38, 150), supportCrisis: false };
    case 'onboarding': {
      const responsiveness = rng.float(0.6, 1);
      return { valueBefore: 0, value: rng.float(0.12, 0.6), responsiveness, silentDays: rng.int(1, 6), supportCrisis: false };
    }
  }
};

interface FitAttributes { industry: string; employees: number; country: string }

const goodAttributes = (rng: Rng): FitAttributes => ({
  industry: rng.pick(goodIndustries),
  // The vendor's sweet spot has fuzzy edges: a few sit right on them.
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

const attributesOf = (fit: Fit, rng: Rng): FitAttributes =>
  fit === 'good' ? goodAttributes(rng) : fit === 'stretch' ? stretchAttributes(rng) : badAttributes(rng);

const segmentArr = (rng: Rng): { segment: Segment; arr: number } => {
  const segment = rng.weighted<Segment>({ small: 45, mid: 40, large: 15 });
  const arr = segment === 'small' ? rng.int(6_000, 11_900) : segment === 'mid' ? rng.int(12_000, 99_000) : rng.int(100_000, 600_000);
  return { segment, arr: Math.round(arr / 100) * 100 };
};

const ACQUIRED_OR_SHUT_DOWN = 0.035;
const BAD_FIT_LEAVES = 0.3;

/** The lower and the faster-falling the value, the likelier a customer leaves, a silent customer likeliest of all. */
const trajectoryRisk = (profile: HealthProfile, t: Trajectory): number => {
  const growth = t.valueBefore > 0 ? t.value / t.valueBefore : 0;
  return profile === 'dark' ? 0.4 : 0.02 + 0.5 * clamp01((0.45 - t.value) / 0.45) + 0.3 * clamp01((0.9 - growth) / 0.5);
};

/**
 * Churn drawn from the trajectory: acquisitions and shutdowns strike anyone; a bad fit often leaves for that reason;
 * otherwise the trajectory's risk decides.
 */
const drawChurn = (rng: Rng, fit: Fit, profile: HealthProfile, t: Trajectory): { reason: ChurnReason } | null => {
  if (profile === 'onboarding') return null;
  if (rng.chance(ACQUIRED_OR_SHUT_DOWN)) return { reason: rng.pick(['acquired', 'shutdown'] as const) };
  if (fit === 'bad' && rng.chance(BAD_FIT_LEAVES)) return { reason: 'bad_fit' };
  if (!rng.chance(trajectoryRisk(profile, t))) return null;
  const reason = t.value < LOW_VALUE ? rng.weighted({ poor_adoption: 3, product_gap: 2, competitor: 2, budget: 1 })
    : rng.weighted({ budget: 3, competitor: 3, product_gap: 1 });
  return { reason };
};

/**
 * The chance drawChurn gives a customer to churn at all, from its hidden state: the oracle a backtest's ceiling is
 * measured with (docs/backtest.md), which no observer of the portal's records can read.
 */
export const churnProbability = (fit: Fit, profile: HealthProfile, t: Trajectory): number => {
  if (profile === 'onboarding') return 0;
  const risk = Math.min(1, trajectoryRisk(profile, t));
  const afterBadFit = fit === 'bad' ? BAD_FIT_LEAVES + (1 - BAD_FIT_LEAVES) * risk : risk;
  return ACQUIRED_OR_SHUT_DOWN + (1 - ACQUIRED_OR_SHUT_DOWN) * afterBadFit;
};

const customerStart = (rng: Rng, profile: HealthProfile, anchorMs: number): number => {
  if (profile === 'onboarding') return anchorMs - rng.int(8, 55) * DAY;
  // A flat renewal closed in the last year needs a contract older than a year.
  if (profile === 'stagnant') return anchorMs - rng.int(400, 1100) * DAY;
  return anchorMs - rng.int(150, 1100) * DAY;
};

const ownerTeam = (rng: Rng, ownerIds: readonly string[], portalProfile: PortalProfile): string[] => {
  const first = rng.pick(ownerIds);
  if (portalProfile === 'rich') return [first];
  const extra = rng.weighted({ none: 55, one: 35, two: 10 });
  const team = [first];
  for (let i = 0; i < (extra === 'none' ? 0 : extra === 'one' ? 1 : 2); i++) team.push(rng.pick(ownerIds));
  return [...new Set(team)];
};

export const planCompany = (rng: Rng, index: number, nowMs: number, ownerIds: readonly string[], portalProfile: PortalProfile): CompanyPlan => {
  const id = String(companyIdBase + index);
  const owners = ownerTeam(rng.fork('owners'), ownerIds, portalProfile);
  if (rng.chance(0.3)) {
    const fit = rng.weighted<Fit>({ good: 6, stretch: 2, bad: 2 });
    return {
      index, id, profileOfPortal: portalProfile, archetype: 'prospect', fit, profile: null, trajectory: null, expectedCohort: null, segment: null,
      ...attributesOf(fit, rng), ownerIds: owners,
      createdMs: nowMs - rng.int(5, 500) * DAY - rng.int(0, DAY - 1), contractStartMs: null, anchorMs: nowMs,
      arr: 0, seats: 0, churn: null, lastTwoWayDaysAgo: null, championLeft: false,
    };
  }
  const drawn = rng.weighted(customerMix);
  const profile = profileOf(drawn, rng);
  const trajectory = drawTrajectory(profile, rng.fork('trajectory'));
  const churnDraw = drawChurn(rng.fork('churn'), drawn === 'bad_fit' ? 'bad' : drawn === 'stretch' ? 'stretch' : 'good', profile, trajectory);
  const fit: Fit = drawn === 'bad_fit' || churnDraw?.reason === 'bad_fit' ? 'bad' : drawn === 'stretch' ? 'stretch' : 'good';
  const attrs = attributesOf(fit, rng);
  // Churn dates spread over the history, so a backtest has outcomes at every cutoff.
  const anchorMs = churnDraw ? nowMs - rng.int(20, 480) * DAY : nowMs;
  const contractStartMs = customerStart(rng, profile, anchorMs);
  const { segment, arr } = segmentArr(rng);
  const pricePerSeat = segment === 'small' ? rng.int(250, 400) : segment === 'mid' ? rng.int(350, 700) : rng.int(500, 1200);
  const cohortAtAnchor = cohortOfTrajectory(fit, trajectory, profile === 'onboarding');
  const churn = churnDraw === null ? null : {
    atMs: anchorMs, reason: churnDraw.reason,
    avoidable: fit !== 'bad' && !(churnReasons.unavoidable as readonly string[]).includes(churnDraw.reason),
    expected: cohortAtAnchor === 'bad_fit' || cohortAtAnchor === 'negative' || cohortAtAnchor === 'dark',
  };
  const championLeft = rng.chance(profile === 'declining' ? 0.35 : 0.04);
  return {
    index, id, profileOfPortal: portalProfile, archetype: churn ? 'churned' : drawn, fit, profile, trajectory,
    expectedCohort: churn ? null : cohortAtAnchor, segment, ...attrs, ownerIds: owners,
    createdMs: contractStartMs - rng.int(20, 200) * DAY - rng.int(0, DAY - 1), contractStartMs, anchorMs,
    arr, seats: Math.max(20, Math.round(arr / pricePerSeat)), churn, lastTwoWayDaysAgo: trajectory.silentDays, championLeft,
  };
};

export const companyIdBase = 100_000_000;
