import { describe, expect, it } from 'vitest';
import type { ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { compareWithStarPupils, observePupil, starPupilProfile, type PupilObservation, type StarPupilProfile } from '../../src/scoring/star-pupils.ts';
import { NOW, aSnapshot, daysAgo, deal, inboundEmail, outboundEmail } from './support/snapshot.ts';

// What one customer contributes to the star-pupil profile (docs/scoring.md, star pupils), and the profile's edges.
const observe = (snapshot: CompanySnapshot, config: ScoringConfig = defaultScoringConfig) => observePupil(snapshot, scoreCompany(snapshot, config, NOW), config, NOW);
const point = (days: number, metric: string, value: number) => ({ date: daysAgo(days), metric, value });
const pupil = (over: Partial<PupilObservation> = {}): PupilObservation => ({
  segment: 'mid', fit: 'good', status: 'green', churned: false, grew: false, tenureDays: 500,
  milestoneDays: {}, usageDepth: null, usageBreadth: null, touchesPer30Days: 0, features: [], ...over,
});

describe('a customer\'s observation', () => {
  it('when metrics were used in the last 30 days, then those with a positive value are its features, sorted, and their count its breadth', () => {
    const usage = [point(10, 'reports', 3), point(5, 'active_users', 5), point(4, 'reports', 2), point(3, 'exports', 0), point(40, 'api', 4), point(30, 'alerts', 1), point(-2, 'sso', 9)];
    expect(observe(aSnapshot({ usage }))).toMatchObject({ features: ['active_users', 'alerts', 'reports'], usageBreadth: 3 });
  });

  it('when the portal maps key features used, then that is the breadth; with neither, breadth is unknown', () => {
    expect(observe(aSnapshot({ usage: [point(5, 'reports', 3)], company: { keyFeaturesUsed: 7 } })).usageBreadth).toBe(7);
    expect(observe(aSnapshot()).usageBreadth).toBeNull();
  });

  it('when touches were logged, then those in the last 90 days (exactly 90 included) are counted per 30 days', () => {
    const engagements = [inboundEmail(1), outboundEmail(20), inboundEmail(45), outboundEmail(60), inboundEmail(89), inboundEmail(90), inboundEmail(91)];
    expect(observe(aSnapshot({ engagements })).touchesPer30Days).toBe(2);
  });

  it('when its only renewal was lost, or is dated after now, or it only ever bought new business, then it did not grow', () => {
    expect(observe(aSnapshot({ deals: [deal('renewal', 30, false)] })).grew).toBe(false);
    expect(observe(aSnapshot({ deals: [deal('renewal', -30)] })).grew).toBe(false);
    expect(observe(aSnapshot({ deals: [deal('newbusiness', 300)] })).grew).toBe(false);
    expect(observe(aSnapshot({ deals: [deal('newbusiness', 300), deal('expansion', 0)] })).grew).toBe(true);
  });

  it('when its contract starts after now, then it has no tenure yet; when it churned, the observation says so', () => {
    expect(observe(aSnapshot({ company: { contractStartDate: daysAgo(-10), createdAt: daysAgo(-10) } })).tenureDays).toBeNull();
    expect(observe(aSnapshot({ company: { churnedAt: daysAgo(5), churnReason: 'budget' } })).churned).toBe(true);
    expect(observe(aSnapshot()).churned).toBe(false);
  });

  it('when a milestone was signed off before the contract started, then it took 0 days; milestones not done are not timed', () => {
    const seen = observe(aSnapshot({ company: { contractStartDate: daysAgo(100) }, milestoneOverrides: [{ key: 'kickoff', doneAt: daysAgo(110) }] }));
    expect(seen.milestoneDays).toEqual({ kickoff: 0 });
  });
});

describe('the profile at its edges', () => {
  it('when nobody grew, then a good fit retained exactly a year and green is a pupil; one with unknown tenure is not', () => {
    const profile = starPupilProfile([pupil({ tenureDays: 365, usageDepth: 0.4 }), pupil({ tenureDays: 364, usageDepth: 0.9 }), pupil({ tenureDays: null, usageDepth: 0.9 })], defaultScoringConfig, NOW);
    expect(profile.basis).toBe('retained_healthy');
    expect(profile.overall).toMatchObject({ pupils: 1, usageDepth: 0.4 });
  });

  it('when the config marks no milestone as first value, then the profile has no time to first value', () => {
    const config = { ...defaultScoringConfig, milestones: { ...defaultScoringConfig.milestones, items: defaultScoringConfig.milestones.items.map((m) => ({ ...m, firstValue: false })) } };
    expect(starPupilProfile([pupil({ grew: true, milestoneDays: { first_value: 10 } })], config, NOW).overall?.timeToFirstValueDays).toBeNull();
  });

  it('when the customer has no start date to count from, then the card says only that it has not reached first value yet', () => {
    const profile: StarPupilProfile = {
      basis: 'renewed_or_expanded', computedAt: NOW.toISOString(), overall: null,
      segments: [{ segment: 'mid', pupils: 4, medianDaysTo: { first_value: 18 }, timeToFirstValueDays: 18, usageDepth: null, usageBreadth: null, touchesPer30Days: 1, features: [] }],
    };
    const card = scoreCompany(aSnapshot({ company: { contractStartDate: null, createdAt: null } }), defaultScoringConfig, NOW);
    expect(compareWithStarPupils(card, profile, defaultScoringConfig)).toBe('star pupils reach first value by day 18; this customer has not reached it yet');
  });
});
