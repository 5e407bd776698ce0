import { describe, expect, it } from 'vitest';
import { assignCohort } from '../../src/scoring/cohort.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, contact, deal, inboundEmail, meeting, nps, ticket, usageLine } from './support/snapshot.ts';

const score = (overrides: Parameters<typeof aSnapshot>[0]) => scoreCompany(aSnapshot(overrides), defaultScoringConfig, NOW);
const engaged: Partial<CompanySnapshot> = { engagements: [inboundEmail(3), meeting(20), inboundEmail(40)], contacts: [contact('VP Operations'), contact('Ops lead')] };

describe('Success Vector', () => {
  it.each([
    ['usage rising 25% with an expansion and a promoter', 'positive', { usage: usageLine(48, 64), deals: [deal('expansion', 40)], feedback: [nps(10, 20)] }, 'usage up'],
    ['flat usage and a flat renewal', 'neutral', { usage: usageLine(45, 46), deals: [deal('renewal', 100)], feedback: [nps(7, 30)] }, 'usage flat; renewed flat'],
    ['usage falling 40% and a detractor', 'negative', { usage: usageLine(50, 25), feedback: [nps(4, 20)] }, 'usage down'],
    ['flat usage but two urgent tickets and a departed champion', 'negative', { usage: usageLine(45, 45), tickets: [ticket('URGENT', 3), ticket('HIGH', 5)], contacts: [contact('Champion', true, 20)] }, 'champion left'],
    ['no usage data and no signals', 'neutral', {}, 'no sign of growth or decline'],
    // A dip of a tenth over 90 days is noise; a fifth is decline (docs/scoring.md, vector).
    ['usage down 12% over the window, nothing else', 'neutral', { usage: usageLine(50, 44, 90) }, 'usage flat'],
    ['usage down 24% over the window, nothing else', 'negative', { usage: usageLine(50, 38, 90) }, 'usage down'],
    ['usage up 10.5% over the window, nothing else', 'neutral', { usage: usageLine(200, 221, 90) }, 'usage flat'],
    ['usage up 16% over the window, nothing else', 'positive', { usage: usageLine(50, 58, 90) }, 'usage up'],
  ])('when a customer shows %s, then the vector is %s', (_case, expected, overrides, reason) => {
    const card = score({ ...engaged, ...overrides });
    expect(card.vector.value).toBe(expected);
    expect(card.vector.reason).toContain(reason);
  });

  it('when usage is rising and the detractor NPS was answered before the 90-day window, then the vector is positive; answered within it, neutral', () => {
    const rising = { ...engaged, usage: usageLine(50, 58, 90) };
    expect(score({ ...rising, feedback: [nps(6, 120)] }).vector).toMatchObject({ value: 'positive', reason: expect.not.stringContaining('NPS') });
    expect(score({ ...rising, feedback: [nps(6, 60)] }).vector).toMatchObject({ value: 'neutral', reason: expect.stringContaining('detractor NPS') });
  });

  it('when health has risen 15 points on its own 30-90 day baseline, then that counts toward positive', () => {
    const base = { ...engaged, usage: usageLine(60, 66), feedback: [nps(9, 10)] };
    const now = score(base).health.score;
    const previousCards = [60, 45, 30].map((days) => ({
      scoredAt: new Date(NOW.getTime() - days * 86_400_000).toISOString(), healthScore: now - 15, status: 'yellow' as const, cohort: 'neutral' as const, components: [],
    }));
    expect(score(base).vector.value).toBe('neutral');
    expect(score({ ...base, previousCards }).vector).toMatchObject({ value: 'positive', reason: expect.stringContaining('health up 15 on its baseline') });
  });

  it('when an onboarding customer held its kick-off on time, then it is heading positive', () => {
    const card = score({ company: { contractStartDate: new Date(NOW.getTime() - 10 * 86_400_000).toISOString() }, engagements: [meeting(7, 'Kick-off')] });
    expect(card.vector).toMatchObject({ value: 'positive', reason: expect.stringContaining('onboarding on track') });
  });
});

describe('cohort', () => {
  it.each([
    ['bad', false, 'green', 'positive', 'bad_fit'],
    ['bad', true, 'red', 'negative', 'bad_fit'],
    ['good', true, 'green', 'positive', 'dark'],
    ['stretch', true, 'yellow', 'neutral', 'dark'],
    ['good', false, 'red', 'positive', 'negative'],
    ['good', false, 'green', 'negative', 'negative'],
    ['good', false, 'yellow', 'neutral', 'neutral'],
    ['stretch', false, 'green', 'positive', 'positive'],
    ['good', false, 'yellow', 'positive', 'positive'],
  ] as const)('when fit is %s, dark is %s, status %s and vector %s, then the cohort is %s', (fit, dark, status, vector, cohort) => {
    expect(assignCohort(fit, dark, status, vector)).toBe(cohort);
  });
});

describe('gone dark', () => {
  it.each([
    ['an inbound email 29 days ago', false, 29, { engagements: [inboundEmail(29)] }],
    ['an inbound email 30 days ago', true, 30, { engagements: [inboundEmail(30)] }],
    ['a completed meeting 10 days ago', false, 10, { engagements: [meeting(10)] }],
    ['a no-show meeting 10 days ago and nothing since day 80', true, 80, { engagements: [meeting(10, 'Check-in', 'NO_SHOW'), inboundEmail(80)] }],
    ['a ticket opened 12 days ago', false, 12, { engagements: [inboundEmail(90)], tickets: [ticket('LOW', 12)] }],
    ['a survey answer 5 days ago', false, 5, { engagements: [inboundEmail(90)], feedback: [nps(8, 5)] }],
    ['product use until 3 days ago', false, 3, { engagements: [inboundEmail(90)], usage: [...usageLine(30, 30, 60).slice(0, 58), ...usageLine(0, 0, 2)] }],
    ['usage dropping to zero 70 days ago', true, 70, { engagements: [inboundEmail(90)], usage: [...usageLine(20, 20, 120).slice(0, 51), ...usageLine(0, 0, 69)] }],
  ])('when the last two-way signal is %s, then dark is %s', (_case, dark, days, overrides) => {
    expect(score(overrides).goneDark).toEqual({ dark, daysSinceTwoWay: days });
  });

  it('when a segment has its own window, then it replaces the default', () => {
    const config = structuredClone(defaultScoringConfig);
    config.dark.bySegment.mid = 45;
    expect(scoreCompany(aSnapshot({ engagements: [inboundEmail(40)] }), config, NOW).goneDark.dark).toBe(false);
    expect(scoreCompany(aSnapshot({ engagements: [inboundEmail(40)] }), defaultScoringConfig, NOW).goneDark.dark).toBe(true);
  });
});
