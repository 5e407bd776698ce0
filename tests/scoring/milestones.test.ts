import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { NOW, aSnapshot, contact, daysAgo, meeting, usageLine } from './support/snapshot.ts';

const kickoffState = (startedDaysAgo: number, kickoffDaysAgo: number | null) => {
  const snapshot = aSnapshot({
    company: { contractStartDate: daysAgo(startedDaysAgo) },
    engagements: kickoffDaysAgo === null ? [] : [meeting(kickoffDaysAgo, 'Kick-off')],
  });
  return scoreCompany(snapshot, defaultScoringConfig, NOW).milestones.find((m) => m.key === 'kickoff')!;
};

describe('milestones', () => {
  it.each([
    ['started 5 days ago, no kick-off yet', 'on_track', 5, null],
    ['started 20 days ago, no kick-off (6 days late)', 'behind', 20, null],
    ['started 50 days ago, no kick-off (36 days late)', 'stuck', 50, null],
    ['started 20 days ago, kick-off held on day 3', 'done', 20, 17],
  ])('when a customer %s, then the kick-off is %s', (_case, state, started, kickoff) => {
    expect(kickoffState(started, kickoff).state).toBe(state);
  });

  it('when the kick-off meeting was cancelled or the customer did not show, then it does not count as held', () => {
    for (const outcome of ['CANCELED', 'NO_SHOW', 'RESCHEDULED']) {
      const snapshot = aSnapshot({ company: { contractStartDate: daysAgo(20) }, engagements: [meeting(17, 'Kick-off', outcome)] });
      expect(scoreCompany(snapshot, defaultScoringConfig, NOW).milestones[0]!.state).toBe('behind');
    }
  });

  it('when the kick-off meeting is past with no outcome or still SCHEDULED, then it was held unless the portal requires COMPLETED', () => {
    const strict = { ...defaultScoringConfig, meetings: { ...defaultScoringConfig.meetings, requireCompleted: true } };
    for (const outcome of [null, 'SCHEDULED']) {
      const snapshot = aSnapshot({ company: { contractStartDate: daysAgo(20) }, engagements: [{ ...meeting(17, 'Kick-off'), outcome }] });
      expect(scoreCompany(snapshot, defaultScoringConfig, NOW).milestones[0]!.state).toBe('done');
      expect(scoreCompany(snapshot, strict, NOW).milestones[0]!.state).toBe('behind');
    }
  });

  it('when the kick-off meeting is booked for next week, then it is not held yet', () => {
    const snapshot = aSnapshot({ company: { contractStartDate: daysAgo(20) }, engagements: [{ ...meeting(-7, 'Kick-off'), outcome: null }] });
    expect(scoreCompany(snapshot, defaultScoringConfig, NOW).milestones[0]!.state).toBe('behind');
  });

  it('when a CSM marks a milestone done, then it is done at the date they gave', () => {
    const snapshot = aSnapshot({ milestoneOverrides: [{ key: 'first_business_review', doneAt: daysAgo(400) }] });
    const review = scoreCompany(snapshot, defaultScoringConfig, NOW).milestones.find((m) => m.key === 'first_business_review')!;
    expect(review).toMatchObject({ state: 'done', doneAt: daysAgo(400) });
  });

  it('when active users reach 3 on day 10, then time to first value is 10 days and progress counts it', () => {
    const snapshot = aSnapshot({ company: { contractStartDate: daysAgo(40) }, usage: usageLine(0, 10, 40) });
    const card = scoreCompany(snapshot, defaultScoringConfig, NOW);
    expect(card.timeToFirstValueDays).toBe(10);
    expect(card.milestones.find((m) => m.key === 'first_value')!.state).toBe('done');
    expect(card.milestoneProgress).toBe(Math.round((1 / 7) * 100));
    expect(card.currentMilestone).toBe('kickoff');
  });

  it('when every milestone is evidenced, then progress is 100 and there is no current milestone', () => {
    const snapshot = aSnapshot({
      engagements: [meeting(690, 'Kick-off'), meeting(670, 'Onboarding session'), meeting(500, 'Business review')],
      usage: usageLine(10, 80, 200),
      contacts: [contact('Chief Financial Officer')],
      deals: [{ id: 'd', dealType: 'renewal', amount: 50_000, closeDate: daysAgo(330), isClosed: true, isClosedWon: true }],
    });
    const card = scoreCompany(snapshot, defaultScoringConfig, NOW);
    expect(card.milestones.map((m) => m.state)).toEqual(Array(7).fill('done'));
    expect(card.milestoneProgress).toBe(100);
    expect(card.currentMilestone).toBeNull();
  });
});
