import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { snapshotAsOf } from '../../src/scoring/churn.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, contact, daysAgo, deal, inboundEmail, meeting, nps, ticket, usageLine } from './support/snapshot.ts';

const churned = (reason: string, overrides: Parameters<typeof aSnapshot>[0] = {}) =>
  scoreCompany(aSnapshot({ ...overrides, company: { churnedAt: daysAgo(60), churnReason: reason, ...overrides.company } }), defaultScoringConfig, NOW);

const card = (days: number, cohort: PreviousCard['cohort']): PreviousCard =>
  ({ scoredAt: daysAgo(days), healthScore: 50, status: 'yellow', cohort, components: [] });

describe('churn classification', () => {
  it.each([
    ['budget', true], ['competitor', true], ['product_gap', true], ['poor_adoption', true],
    ['acquired', false], ['shutdown', false], ['bad_fit', false],
  ])('when a good-fit customer churned for %s, then avoidable is %s', (reason, avoidable) => {
    expect(churned(reason)?.churn?.avoidable).toBe(avoidable);
  });

  it('when a bad-fit customer churned for budget, then it was unavoidable', () => {
    expect(churned('budget', { company: { properties: { industry: 'FARMING', numberofemployees: '30', country: 'France' } } }).churn?.avoidable).toBe(false);
  });

  it('when a bad fit churns while its stored cards showed it positive, then its churn is expected, as a bad fit\'s is', () => {
    const badFit = { industry: 'FARMING', numberofemployees: '30', country: 'France' };
    const result = churned('budget', { company: { properties: badFit }, previousCards: [card(100, 'positive'), card(70, 'positive')] });
    expect(result.churn).toMatchObject({ expected: true, avoidable: false });
    expect(result.churn?.reason).toContain('expected of a bad fit');
  });

  it.each([
    ['flagged bad fit 30 days before churn', true, [card(100, 'neutral'), card(90, 'bad_fit')]],
    ['flagged negative 20 days before churn', true, [card(100, 'neutral'), card(80, 'negative')]],
    ['flagged dark the day before', true, [card(61, 'dark')]],
    ['only ever neutral or positive', false, [card(100, 'neutral'), card(70, 'positive')]],
    ['negative, but long before the window', false, [card(200, 'negative'), card(90, 'neutral')]],
  ])('when the stored cards show it %s, then expected is %s', (_case, expected, previousCards) => {
    expect(churned('competitor', { previousCards }).churn?.expected).toBe(expected);
  });

  it('when no cards were stored but the history shows it went silent before churning, then the rescored past calls it expected', () => {
    const result = churned('competitor', { engagements: [inboundEmail(200)], usage: usageLine(20, 20, 300).slice(0, 100) });
    expect(result.churn).toMatchObject({ expected: true, avoidable: true });
    expect(result.churn?.reason).toContain('flagged bad fit, negative or dark');
  });

  it('when no cards were stored and it was healthy and engaged until it churned, then the churn was unexpected', () => {
    const engagements = [90, 80, 70, 65, 62].map((d) => inboundEmail(d));
    const result = churned('acquired', { engagements: [...engagements, meeting(75)], usage: usageLine(50, 50, 200).slice(0, 141) });
    expect(result.churn).toMatchObject({ expected: false, avoidable: false });
  });

  it('when a customer has not churned, then its card has no churn classification', () => {
    expect(scoreCompany(aSnapshot({ engagements: [inboundEmail(2)] }), defaultScoringConfig, NOW).churn).toBeNull();
  });

  it('when a customer has churned, then it leaves the worklist: priority 0 and no play to run', () => {
    expect(churned('budget')).toMatchObject({ priority: 0, nextPlay: { play: 'monitor' } });
  });
});

describe('churn classification: the window before churn and what the card says', () => {
  it('when the only warning card was scored after the churn date, then it says nothing about whether the churn was flagged beforehand', () => {
    const result = churned('competitor', { previousCards: [card(100, 'neutral'), card(30, 'negative')] });
    expect(result.churn).toMatchObject({ expected: false });
    expect(result.churn?.reason).toContain('not flagged beforehand');
  });

  it('when a card exactly at the churn date or exactly 60 days before it was negative, then the churn was flagged', () => {
    expect(churned('competitor', { previousCards: [card(60, 'negative'), card(100, 'neutral')] }).churn?.expected).toBe(true);
    expect(churned('competitor', { previousCards: [card(120, 'negative'), card(100, 'neutral')] }).churn?.expected).toBe(true);
    expect(churned('competitor', { previousCards: [card(121, 'negative'), card(100, 'neutral')] }).churn?.expected).toBe(false);
  });

  it('when the portal widens the expected window to 90 days, then a warning 80 days before churn counts and the card names the window', () => {
    const config = structuredClone(defaultScoringConfig);
    config.churn.expectedWindowDays = 90;
    const previousCards = [card(140, 'dark'), card(100, 'neutral')];
    const snapshot = aSnapshot({ company: { churnedAt: daysAgo(60), churnReason: 'competitor' }, previousCards });
    expect(churned('competitor', { previousCards }).churn?.expected).toBe(false);
    const result = scoreCompany(snapshot, config, NOW).churn;
    expect(result?.expected).toBe(true);
    expect(result?.reason).toContain('in the 90 days before');
  });

  it('when a good fit churned unavoidably without a warning, then the card says so in one sentence with the date and reason', () => {
    expect(churned('acquired', { previousCards: [card(70, 'positive')] }).churn?.reason)
      .toBe(`churned ${daysAgo(60).slice(0, 10)} (acquired): unavoidable, not flagged beforehand`);
  });

  it('when a good fit churned avoidably after a negative card, then the card says it was flagged in the 60 days before', () => {
    expect(churned('budget', { previousCards: [card(80, 'negative')] }).churn?.reason)
      .toBe(`churned ${daysAgo(60).slice(0, 10)} (budget): avoidable, flagged bad fit, negative or dark in the 60 days before`);
  });

  it('when no cards were stored and the customer was silent only in the month before churn, then the rescored past still catches it', () => {
    // Churn 60 days ago; the past is rescored 60, 30 and 1 day before it. Only 30 days before was it dark.
    const silentMidWindow = [190, 150, 125, 65].map((d) => inboundEmail(d));
    expect(churned('competitor', { engagements: silentMidWindow }).churn?.expected).toBe(true);
    expect(churned('competitor', { engagements: [...silentMidWindow, inboundEmail(100)] }).churn?.expected).toBe(false);
  });

  it('when a stretch-fit customer churned for budget, then it was avoidable: only a bad fit makes churn unavoidable by fit', () => {
    const stretch = { industry: 'COMPUTER_SOFTWARE', numberofemployees: '8', country: 'Germany' };
    expect(churned('budget', { company: { properties: stretch } }).churn?.avoidable).toBe(true);
  });
});

describe('the past as scoring saw it (snapshotAsOf)', () => {
  const at = NOW.getTime() - 100 * 86_400_000;

  it('when a contact left after that date, then they were still there; one who left before had already left', () => {
    const past = snapshotAsOf(aSnapshot({ contacts: [contact('VP Sales', true, 50), contact('CTO', true, 150)] }), at);
    expect(past.contacts.map((c) => c.leftCompany)).toEqual([false, true]);
  });

  it('when usage, surveys, cards and milestone sign-offs are dated after that date, then they are not part of the past', () => {
    const past = snapshotAsOf(aSnapshot({
      usage: usageLine(10, 10, 200), feedback: [nps(9, 150), nps(2, 50)],
      previousCards: [card(150, 'positive'), card(50, 'negative')],
      milestoneOverrides: [{ key: 'kickoff', doneAt: daysAgo(150) }, { key: 'adoption', doneAt: daysAgo(50) }],
    }), at);
    expect(past.usage).toHaveLength(101);
    expect(past.usage.at(-1)?.date).toBe(daysAgo(100));
    expect(past.feedback.map((f) => f.value)).toEqual([9]);
    expect(past.previousCards.map((c) => c.cohort)).toEqual(['positive']);
    expect(past.milestoneOverrides.map((o) => o.key)).toEqual(['kickoff']);
  });

  it('when emails and tickets are dated after that date, then they are not part of the past', () => {
    const past = snapshotAsOf(aSnapshot({ engagements: [inboundEmail(150), inboundEmail(50)], tickets: [ticket('LOW', 150), ticket('URGENT', 50)] }), at);
    expect(past.engagements.map((e) => e.timestamp)).toEqual([daysAgo(150)]);
    expect(past.tickets.map((t) => t.priority)).toEqual(['LOW']);
  });

  it('when a deal closed after that date, then it is gone; an open deal stays', () => {
    const open = { ...deal('existingbusiness', 10), isClosed: false, isClosedWon: false };
    const past = snapshotAsOf(aSnapshot({ deals: [deal('newbusiness', 400), deal('existingbusiness', 50), open] }), at);
    expect(past.deals.map((d) => d.dealType)).toEqual(['newbusiness', 'existingbusiness']);
    expect(past.deals[1]?.isClosed).toBe(false);
  });

  it('when the customer stage ended after that date, then it was still a customer then; an end before it stays', () => {
    expect(snapshotAsOf(aSnapshot({ company: { customerUntil: daysAgo(50) } }), at).company.customerUntil).toBeNull();
    expect(snapshotAsOf(aSnapshot({ company: { customerUntil: daysAgo(150) } }), at).company.customerUntil).toBe(daysAgo(150));
  });

  it('when the portal holds today\'s active users and no series, then the past keeps that figure; with a series, the series speaks for the past', () => {
    expect(snapshotAsOf(aSnapshot({ company: { activeUsers30d: 40 } }), at).company.activeUsers30d).toBe(40);
    expect(snapshotAsOf(aSnapshot({ company: { activeUsers30d: 40 }, usage: usageLine(10, 10, 200) }), at).company.activeUsers30d).toBeNull();
  });
});
