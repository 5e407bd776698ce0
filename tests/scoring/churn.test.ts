import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail, meeting, usageLine } from './support/snapshot.ts';

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
