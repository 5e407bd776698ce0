import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, componentOf, contact, deal, daysAgo, inboundEmail, meeting, nps, outboundEmail, ticket, usageLine } from './support/snapshot.ts';

const component = (snapshot: CompanySnapshot, key: string) => componentOf(scoreCompany(snapshot, defaultScoringConfig, NOW), key);

describe('health components', () => {
  it.each([
    // Recency is 70% of the component; one inbound touch of the six that earn full volume adds 5 points.
    ['5 days ago', 75, 5],
    ['14 days ago (still full recency)', 75, 14],
    ['37 days ago (half way to zero)', 40, 37],
    ['60 days ago', 5, 60],
  ])('when the only inbound touch was %s, then engagement reads %s', (_case, expected, days) => {
    expect(component(aSnapshot({ engagements: [inboundEmail(days)] }), 'engagement').value).toBeCloseTo(expected, 0);
  });

  it('when nothing at all is logged, then engagement is missing rather than zero', () => {
    expect(component(aSnapshot(), 'engagement')).toMatchObject({ value: null, missing: true, weight: 0 });
  });

  it('when the CSM only writes and the customer never answers, then engagement is 0', () => {
    expect(component(aSnapshot({ engagements: [outboundEmail(3), outboundEmail(10)] }), 'engagement').value).toBe(0);
  });

  it.each([
    ['no tickets', 100, []],
    ['one recent low ticket', 95, [ticket('LOW', 3)]],
    ['one urgent ticket opened yesterday', 75, [ticket('URGENT', 1)]],
    ['two high tickets open for 20 days', 30, [ticket('HIGH', 20), ticket('HIGH', 20)]],
    ['an urgent ticket that was closed', 100, [ticket('URGENT', 20, 10)]],
    ['five urgent tickets', 0, Array.from({ length: 5 }, () => ticket('URGENT', 2))],
  ])('when there are %s, then support reads %s', (_case, expected, tickets) => {
    expect(component(aSnapshot({ tickets }), 'support').value).toBe(expected);
  });

  it.each([
    ['an NPS of 9', 90, [nps(9, 10)]],
    ['an NPS of 3', 30, [nps(3, 10)]],
    ['a CSAT of 4', 75, [{ id: 's', surveyType: 'CSAT' as const, value: 4, responseGroup: null, submittedAt: daysAgo(5) }]],
    ['NPS 10, 6 and 8 recently', 80, [nps(10, 100), nps(6, 50), nps(8, 10)]],
  ])('when the customer answered %s, then sentiment reads %s', (_case, expected, feedback) => {
    expect(component(aSnapshot({ feedback }), 'sentiment').value).toBeCloseTo(expected, 1);
  });

  it('when the last survey answer is older than the window, then sentiment is missing', () => {
    expect(component(aSnapshot({ feedback: [nps(10, 400)] }), 'sentiment').missing).toBe(true);
  });

  it.each([
    // 60% depth (10% of seats is 0, 70% is 100) and 40% trend (-30% is 0, +20% is 100, flat is 60).
    ['usage at 80% of seats and flat', 84, usageLine(80, 80)],
    ['usage at 10% of seats and flat', 24, usageLine(10, 10)],
    ['usage falling from 60 to 30 of 100 seats', 20, usageLine(60, 30)],
  ])('when the company has %s, then usage reads about %s', (_case, expected, usage) => {
    expect(component(aSnapshot({ usage }), 'usage').value).toBeCloseTo(expected, -1);
  });

  it.each([
    ['8 of 8', 8, 0.8 * 84 + 0.2 * 100],
    ['2 of 8', 2, 0.8 * 84 + 0.2 * 25],
    ['none', 0, 0.8 * 84],
  ])('when %s key features are in use, then breadth moves the usage component accordingly', (_case, keyFeaturesUsed, expected) => {
    expect(component(aSnapshot({ company: { keyFeaturesUsed }, usage: usageLine(80, 80) }), 'usage').value).toBeCloseTo(expected, 0);
  });

  it.each([
    ['mid', 66.7, 50_000],
    ['large', 33.3, 250_000],
  ])('when a %s account got two CSM touches in 90 days, then cadence reads %s', (_segment, expected, arr) => {
    const engagements = [outboundEmail(10), meeting(40)];
    expect(component(aSnapshot({ company: { arr }, engagements }), 'cadence').value).toBeCloseTo(expected, 0);
  });

  it('when a small account gets no CSM touches, then cadence is not held against it (tech touch)', () => {
    expect(component(aSnapshot({ company: { arr: 5_000 } }), 'cadence')).toMatchObject({ missing: true, weight: 0 });
  });

  it.each([
    ['an engaged CFO and a champion', 100, [contact('CFO'), contact('Product Manager')]],
    ['only a champion', 50, [contact('Product Manager')]],
    ['a CFO whose champion left last month', 40, [contact('CFO'), contact('Product Manager', true, 30)]],
  ])('when the contacts are %s, then relationship reads %s', (_case, expected, contacts) => {
    expect(component(aSnapshot({ contacts }), 'relationship').value).toBe(expected);
  });

  it.each([
    ['an expansion won last month', 100, { deals: [deal('expansion', 30)] }],
    ['a renewal lost', 10, { deals: [deal('renewal', 30, false)] }],
    ['a renewal due in 40 days, unsigned', 50, { company: { renewalDate: daysAgo(-40) } }],
    ['a renewal far away and no deals', 70, {}],
  ])('when the account has %s, then commercial reads %s', (_case, expected, overrides) => {
    expect(component(aSnapshot(overrides), 'commercial').value).toBe(expected);
  });
});

describe('health score and status', () => {
  it('when components are missing, then the present weights share the whole and sum to 1', () => {
    const card = scoreCompany(aSnapshot({ feedback: [nps(9, 5)] }), defaultScoringConfig, NOW);
    const present = card.health.components.filter((c) => !c.missing);
    expect(present.map((c) => c.key)).toEqual(['cadence', 'support', 'sentiment', 'milestones', 'commercial']);
    expect(present.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 3);
    expect(card.health.components.filter((c) => c.missing).every((c) => c.weight === 0 && c.contribution === 0)).toBe(true);
  });

  it('when a customer is onboarding, then milestones weigh more than for an established one', () => {
    const onboarding = scoreCompany(aSnapshot({ company: { contractStartDate: daysAgo(20) }, engagements: [inboundEmail(2)], usage: usageLine(0, 20, 20) }), defaultScoringConfig, NOW);
    const established = scoreCompany(aSnapshot({ engagements: [inboundEmail(2)], usage: usageLine(20, 20) }), defaultScoringConfig, NOW);
    expect(onboarding.lifecycleStage).toBe('onboarding');
    expect(componentOf(onboarding, 'milestones').weight).toBeGreaterThan(componentOf(established, 'milestones').weight * 3);
  });

  it.each([
    ['three urgent tickets', { tickets: [ticket('URGENT', 1), ticket('URGENT', 1), ticket('URGENT', 1)] }, 'red', 'capped at red: 3 urgent tickets open'],
    ['a departed champion', { contacts: [contact('CFO'), contact('Champion', true, 10)] }, 'yellow', 'capped at yellow: champion left'],
  ])('when an otherwise healthy customer has %s, then the veto caps the status', (_case, overrides, status, veto) => {
    const healthy = { engagements: [inboundEmail(2), inboundEmail(20), meeting(30)], usage: usageLine(70, 85), feedback: [nps(10, 5)], deals: [deal('expansion', 20)] };
    const card = scoreCompany(aSnapshot({ ...healthy, ...overrides }), defaultScoringConfig, NOW);
    expect(card.health.score).toBeGreaterThanOrEqual(defaultScoringConfig.health.status.yellow);
    expect(card.health.status).toBe(status);
    expect(card.health.vetoApplied).toBe(veto);
  });

  it('when the score sits on a threshold, then the status is the higher band', () => {
    const config = structuredClone(defaultScoringConfig);
    const snapshot = aSnapshot({ engagements: [inboundEmail(3)] });
    config.health.status.green = scoreCompany(snapshot, config, NOW).health.score;
    expect(scoreCompany(snapshot, config, NOW).health.status).toBe('green');
  });
});
