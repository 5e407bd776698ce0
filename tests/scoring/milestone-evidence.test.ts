import { describe, expect, it } from 'vitest';
import type { ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot, PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, contact, daysAgo, deal, inboundEmail } from './support/snapshot.ts';

// What completes each milestone and when it counts as late (docs/scoring.md, milestones), on one milestone at a time.
type Item = ScoringConfig['milestones']['items'][number];
const only = (condition: Item['condition'], expectedDays = 90, extra: Partial<ScoringConfig['milestones']> = {}): ScoringConfig => ({
  ...defaultScoringConfig,
  milestones: { ...defaultScoringConfig.milestones, ...extra, items: [{ key: 'm', label: 'The milestone', kind: 'functional', expectedDays, condition, firstValue: false }] },
});
const onboarding = (startedDaysAgo: number, overrides: Parameters<typeof aSnapshot>[0] = {}) =>
  aSnapshot({ ...overrides, company: { contractStartDate: daysAgo(startedDaysAgo), ...overrides.company } });
const milestone = (snapshot: CompanySnapshot, config: ScoringConfig) => scoreCompany(snapshot, config, NOW).milestones[0]!;
const point = (days: number, value: number, metric = 'active_users') => ({ date: daysAgo(days), metric, value });

describe('what completes a milestone', () => {
  const usage = only({ type: 'usage', metric: 'active_users', atLeast: 3 });

  it('when another metric reaches the threshold, or active users reach it only after now, then the usage milestone is not done', () => {
    expect(milestone(onboarding(30, { usage: [point(10, 9, 'logins')] }), usage).state).toBe('on_track');
    expect(milestone(onboarding(30, { usage: [point(-2, 9)] }), usage).state).toBe('on_track');
    expect(milestone(onboarding(30, { usage: [point(0, 3)] }), usage)).toMatchObject({ state: 'done', doneAt: daysAgo(0) });
  });

  it('when exactly half the seats are active, then "half of the seats active" is reached, from the series or the property', () => {
    const depth = only({ type: 'depth', atLeast: 0.5 });
    expect(milestone(onboarding(30, { usage: [point(5, 50)] }), depth)).toMatchObject({ state: 'done', doneAt: daysAgo(5) });
    expect(milestone(onboarding(30, { company: { activeUsers30d: 50 } }), depth).state).toBe('done');
    expect(milestone(onboarding(30, { company: { activeUsers30d: 49 } }), depth).state).toBe('on_track');
  });

  it('when an executive contact has no creation date, then the sponsor milestone dates from the contract start', () => {
    const sponsor = only({ type: 'executive_contact' });
    const cfo = { ...contact('CFO'), createdAt: null };
    expect(milestone(onboarding(30, { contacts: [cfo] }), sponsor).doneAt).toBe(daysAgo(30));
  });

  it('when a deal of a listed kind is lost, or won after now, then the deal milestone is not reached; the raw type value also counts', () => {
    const renewalOrExpansion = only({ type: 'deal_won', dealTypes: ['renewal', 'expansion'] });
    expect(milestone(onboarding(30, { deals: [deal('expansion', 10, false)] }), renewalOrExpansion).state).toBe('on_track');
    expect(milestone(onboarding(30, { deals: [deal('expansion', -5)] }), renewalOrExpansion).state).toBe('on_track');
    expect(milestone(onboarding(30, { deals: [deal('expansion', 0)] }), renewalOrExpansion).state).toBe('done');
    const byRawType = only({ type: 'deal_won', dealTypes: ['partner_referral'] });
    expect(milestone(onboarding(30, { deals: [deal('partner_referral', 10)] }), byRawType).state).toBe('done');
    expect(milestone(onboarding(30, { deals: [deal('newbusiness', 10)] }), byRawType).state).toBe('on_track');
    expect(milestone(onboarding(30, { deals: [{ ...deal('x', 10), dealType: null }] }), byRawType).state).toBe('on_track');
  });

  it('when the condition\'s value is written with spaces, then it still matches the property', () => {
    const status = only({ type: 'property_set', property: 'onboarding_status', equals: '  Complete ' });
    expect(milestone(onboarding(30, { company: { properties: { onboarding_status: 'complete' } } }), status).state).toBe('done');
  });
});

describe('done once, done for good', () => {
  const sponsor = only({ type: 'executive_contact' }, 10);
  const cardShowing = (scoredDaysAgo: number, doneDaysAgo: number): PreviousCard =>
    ({ scoredAt: daysAgo(scoredDaysAgo), healthScore: 60, status: 'yellow', cohort: 'neutral', components: [], milestonesDone: [{ key: 'm', doneAt: daysAgo(doneDaysAgo) }] });

  it('when earlier cards showed it done on different days, then it was done on the earliest of them', () => {
    expect(milestone(onboarding(50, { previousCards: [cardShowing(10, 12), cardShowing(20, 25), cardShowing(5, 8)] }), sponsor).doneAt).toBe(daysAgo(25));
  });

  it('when an earlier card claims it done on a day after now, then that does not count', () => {
    expect(milestone(onboarding(50, { previousCards: [cardShowing(1, -3)] }), sponsor).state).not.toBe('done');
  });

  it('when the evidence today is later than the day an earlier card showed it done, then the earlier day stands', () => {
    const cfo = { ...contact('CFO'), createdAt: daysAgo(5) };
    expect(milestone(onboarding(50, { contacts: [cfo], previousCards: [cardShowing(20, 25)] }), sponsor).doneAt).toBe(daysAgo(25));
    expect(milestone(onboarding(50, { contacts: [{ ...cfo, createdAt: daysAgo(40) }], previousCards: [cardShowing(20, 25)] }), sponsor).doneAt).toBe(daysAgo(40));
  });

  it('when a CSM\'s sign-off is dated after now, then it does not count yet; dated now, it does', () => {
    const manual = only({ type: 'manual' }, 10);
    expect(milestone(onboarding(50, { milestoneOverrides: [{ key: 'm', doneAt: daysAgo(-1) }] }), manual).state).toBe('stuck');
    expect(milestone(onboarding(50, { milestoneOverrides: [{ key: 'm', doneAt: daysAgo(0) }] }), manual)).toMatchObject({ state: 'done', doneAt: daysAgo(0) });
  });
});

describe('when a milestone is late', () => {
  const manual = (expectedDays: number) => only({ type: 'manual' }, expectedDays);

  it('when a milestone is due today, then it is still on track; one day over, behind; exactly 30 days over, still behind, then stuck', () => {
    expect(milestone(onboarding(20), manual(20)).state).toBe('on_track');
    expect(milestone(onboarding(21), manual(20)).state).toBe('behind');
    expect(milestone(onboarding(50), manual(20)).state).toBe('behind');
    expect(milestone(onboarding(51), manual(20)).state).toBe('stuck');
  });

  it('when an established customer never showed a milestone due at the end of onboarding, then it is skipped, not stuck', () => {
    expect(milestone(aSnapshot(), manual(60)).state).toBe('skipped');
    expect(milestone(aSnapshot(), manual(61)).state).toBe('stuck');
  });

  it('when a company has neither a contract start nor a creation date, then its milestones have no due date and are not late', () => {
    const undated = aSnapshot({ company: { contractStartDate: null, createdAt: null } });
    expect(milestone(undated, manual(61))).toMatchObject({ state: 'on_track', expectedBy: null });
  });

  it('when milestones are skipped, then progress counts only the others; with all skipped, progress is full', () => {
    const card = scoreCompany(aSnapshot({ engagements: [inboundEmail(5)] }), defaultScoringConfig, NOW);
    const counted = card.milestones.filter((m) => m.state !== 'skipped');
    expect(card.milestones.some((m) => m.state === 'skipped')).toBe(true);
    expect(card.milestoneProgress).toBe(Math.round((counted.filter((m) => m.state === 'done').length / counted.length) * 100));
    expect(scoreCompany(aSnapshot(), manual(30), NOW).milestoneProgress).toBe(100);
  });
});

describe('a milestone just reached', () => {
  const cfoAdded = (days: number) => [{ ...contact('CFO'), createdAt: daysAgo(days) }, contact('Ops lead')];
  const happy = { engagements: [inboundEmail(2), inboundEmail(9)], deals: [deal('expansion', 30)] };

  it('when the sponsor milestone was reached 14 days ago, then a positive customer is asked for advocacy, naming it; 20 days ago it is old news', () => {
    const config = only({ type: 'executive_contact' }, 500);
    const fresh = scoreCompany(aSnapshot({ ...happy, contacts: cfoAdded(14) }), config, NOW);
    expect(fresh.nextPlay).toMatchObject({ play: 'advocacy_ask', reason: 'positive, just reached the milestone; asks recorded: 0' });
    expect(scoreCompany(aSnapshot({ ...happy, contacts: cfoAdded(20) }), config, NOW).nextPlay.play).toBe('monitor');
  });

  it('when two milestones were reached in the window, then the later one is the one named', () => {
    const config: ScoringConfig = {
      ...defaultScoringConfig,
      milestones: {
        ...defaultScoringConfig.milestones,
        items: [
          { key: 'c', label: 'Early one', kind: 'customer', expectedDays: 500, condition: { type: 'deal_won', dealTypes: ['partner'] }, firstValue: false },
          { key: 'b', label: 'Deal won', kind: 'customer', expectedDays: 500, condition: { type: 'deal_won', dealTypes: ['expansion'] }, firstValue: false },
          { key: 'a', label: 'Sponsor found', kind: 'customer', expectedDays: 500, condition: { type: 'executive_contact' }, firstValue: false },
        ],
      },
    };
    const card = scoreCompany(aSnapshot({ ...happy, deals: [deal('expansion', 10), deal('partner', 12)], contacts: cfoAdded(5) }), config, NOW);
    expect(card.nextPlay.reason).toBe('positive, just reached sponsor found; asks recorded: 0');
  });
});
