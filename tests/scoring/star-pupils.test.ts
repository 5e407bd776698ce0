import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { compareWithStarPupils, observePupil, starPupilProfile, type PupilObservation, type StarPupilProfile } from '../../src/scoring/star-pupils.ts';
import { NOW, aSnapshot, daysAgo, deal, meeting, usageLine } from './support/snapshot.ts';

const pupil = (over: Partial<PupilObservation> = {}): PupilObservation => ({
  segment: 'mid', fit: 'good', status: 'green', churned: false, grew: true, tenureDays: 500,
  milestoneDays: {}, usageDepth: null, usageBreadth: null, touchesPer30Days: 0, features: [], ...over,
});

describe('the star-pupil profile', () => {
  it.each([
    {
      name: 'medians of an odd group are its middle values',
      observations: [
        pupil({ milestoneDays: { first_value: 10, kickoff: 3 }, usageDepth: 0.6, usageBreadth: 4, touchesPer30Days: 2, features: ['active_users'] }),
        pupil({ milestoneDays: { first_value: 18 }, usageDepth: 0.8, usageBreadth: 6, touchesPer30Days: 3, features: ['active_users', 'reports'] }),
        pupil({ milestoneDays: { first_value: 40, kickoff: 9 }, usageDepth: 0.7, usageBreadth: 5, touchesPer30Days: 5, features: ['active_users'] }),
      ],
      expected: { pupils: 3, timeToFirstValueDays: 18, kickoff: 6, usageDepth: 0.7, usageBreadth: 5, touchesPer30Days: 3, features: [{ feature: 'active_users', share: 1 }, { feature: 'reports', share: 0.33 }] },
    },
    {
      name: 'medians of an even group average the middle two; customers who did not grow are not pupils',
      observations: [
        pupil({ milestoneDays: { first_value: 10 }, usageDepth: 0.5, touchesPer30Days: 1 }),
        pupil({ milestoneDays: { first_value: 20 }, usageDepth: 0.9, touchesPer30Days: 2 }),
        pupil({ grew: false, milestoneDays: { first_value: 1 }, usageDepth: 0.1, touchesPer30Days: 9 }),
        pupil({ fit: 'stretch', milestoneDays: { first_value: 2 } }),
        pupil({ churned: true, milestoneDays: { first_value: 3 } }),
      ],
      expected: { pupils: 2, timeToFirstValueDays: 15, kickoff: null, usageDepth: 0.7, usageBreadth: null, touchesPer30Days: 1.5, features: [] },
    },
  ])('when $name, then the segment profile says so', ({ observations, expected }) => {
    const profile = starPupilProfile(observations, defaultScoringConfig, NOW);
    expect(profile.basis).toBe('renewed_or_expanded');
    const mid = profile.segments.find((s) => s.segment === 'mid');
    expect({
      pupils: mid?.pupils, timeToFirstValueDays: mid?.timeToFirstValueDays, kickoff: mid?.medianDaysTo.kickoff, usageDepth: mid?.usageDepth,
      usageBreadth: mid?.usageBreadth, touchesPer30Days: mid?.touchesPer30Days, features: mid?.features,
    }).toEqual(expected);
  });

  it('when nobody in the portal has renewed or expanded yet, then the pupils are good-fit customers retained a year and green', () => {
    const profile = starPupilProfile([
      pupil({ grew: false, tenureDays: 400, milestoneDays: { first_value: 12 } }),
      pupil({ grew: false, tenureDays: 200, milestoneDays: { first_value: 2 } }),
      pupil({ grew: false, tenureDays: 800, status: 'yellow', milestoneDays: { first_value: 3 } }),
    ], defaultScoringConfig, NOW);
    expect(profile.basis).toBe('retained_healthy');
    expect(profile.segments).toHaveLength(1);
    expect(profile.segments[0]).toMatchObject({ segment: 'mid', pupils: 1, timeToFirstValueDays: 12 });
  });

  it('when pupils are in several segments, then each segment has its own profile and the overall one takes them all', () => {
    const profile = starPupilProfile([
      pupil({ segment: 'small', milestoneDays: { first_value: 5 } }),
      pupil({ segment: 'large', milestoneDays: { first_value: 30 } }),
      pupil({ segment: 'large', milestoneDays: { first_value: 50 } }),
    ], defaultScoringConfig, NOW);
    expect(profile.segments.map((s) => [s.segment, s.timeToFirstValueDays])).toEqual([['small', 5], ['large', 40]]);
    expect(profile.overall).toMatchObject({ segment: 'all', pupils: 3, timeToFirstValueDays: 30 });
  });

  it('when the portal has no pupil at all, then there is no segment and no overall profile', () => {
    expect(starPupilProfile([pupil({ fit: 'bad' })], defaultScoringConfig, NOW)).toMatchObject({ segments: [], overall: null });
  });
});

describe('observing a customer', () => {
  it('when a customer renewed, reached first value and uses the product, then its observation carries its milestone days, depth and cadence', () => {
    const snapshot = aSnapshot({
      company: { contractStartDate: daysAgo(400), seats: 100 },
      deals: [deal('existingbusiness', 30)],
      engagements: [meeting(10), meeting(40), meeting(70), meeting(200)],
      usage: usageLine(40, 60, 400),
    });
    const card = scoreCompany(snapshot, defaultScoringConfig, NOW);
    const seen = observePupil(snapshot, card, defaultScoringConfig, NOW);
    expect(seen).toMatchObject({ segment: 'mid', fit: 'good', grew: true, tenureDays: 400, usageDepth: 0.6, touchesPer30Days: 1, features: ['active_users'] });
    // Usage rose from 40 active users on day 0: first value (3 active users) on the first day of the series.
    expect(seen.milestoneDays.first_value).toBe(0);
  });
});

describe('the card against the star pupils', () => {
  const profile: StarPupilProfile = {
    basis: 'renewed_or_expanded', computedAt: NOW.toISOString(), overall: null,
    segments: [{ segment: 'mid', pupils: 4, medianDaysTo: { first_value: 18 }, timeToFirstValueDays: 18, usageDepth: 0.7, usageBreadth: 5, touchesPer30Days: 3, features: [] }],
  };

  it.each([
    { name: 'a customer 40 days in without first value', start: 40, usage: [] as ReturnType<typeof usageLine>, expected: 'star pupils reach first value by day 18; this customer is on day 40 without it' },
    { name: 'a customer who reached it on day 25', start: 60, usage: usageLine(5, 5, 35), expected: 'star pupils reach first value by day 18; this customer reached it on day 25, 7 days later' },
    { name: 'a customer who reached it on day 10', start: 60, usage: usageLine(5, 5, 50), expected: 'star pupils reach first value by day 18; this customer reached it on day 10' },
  ])('when it is $name, then the card says how it compares', ({ start, usage, expected }) => {
    const card = scoreCompany(aSnapshot({ company: { contractStartDate: daysAgo(start), createdAt: daysAgo(start) }, usage }), defaultScoringConfig, NOW);
    expect(compareWithStarPupils(card, profile, defaultScoringConfig)).toBe(expected);
  });

  it('when its segment has no pupils, then the card says nothing about them', () => {
    const card = scoreCompany(aSnapshot({ company: { arr: 500_000 } }), defaultScoringConfig, NOW);
    expect(card.segment).toBe('large');
    expect(compareWithStarPupils(card, profile, defaultScoringConfig)).toBeNull();
  });
});
