import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot, PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, contact, daysAgo, deal, inboundEmail, meeting, nps, ticket, usageLine } from './support/snapshot.ts';

// Each story isolates one Success Vector signal (docs/scoring.md, vector) on a customer that shows no other.
const score = (overrides: Parameters<typeof aSnapshot>[0], config = defaultScoringConfig) => scoreCompany(aSnapshot(overrides), config, NOW);
const engaged: Partial<CompanySnapshot> = { engagements: [inboundEmail(3), meeting(20), inboundEmail(40)], contacts: [contact('VP Operations'), contact('Ops lead')] };
const vectorOf = (overrides: Parameters<typeof aSnapshot>[0], config = defaultScoringConfig) => score({ ...engaged, ...overrides }, config).vector;

const cardsAt = (days: number[], healthScore: number): PreviousCard[] =>
  days.map((d) => ({ scoredAt: daysAgo(d), healthScore, status: 'yellow', cohort: 'neutral', components: [] }));

describe('Success Vector signals, one at a time', () => {
  it('when an expansion was won 60 days ago, then that alone is growth: positive, "expansion won"', () => {
    expect(vectorOf({ deals: [deal('expansion', 60)] })).toEqual({ value: 'positive', reason: 'expansion won' });
  });

  it('when an expansion closed today or exactly 120 days ago, then it is inside the window', () => {
    expect(vectorOf({ deals: [deal('expansion', 0)] }).reason).toBe('expansion won');
    expect(vectorOf({ deals: [deal('expansion', 120)] }).reason).toBe('expansion won');
  });

  it('when usage fell by half, then the card says by how much', () => {
    expect(vectorOf({ usage: usageLine(50, 25) }).reason).toMatch(/^usage down \d+%$/);
  });

  it('when the only expansion was won 200 days ago (past the 120-day window), then it no longer counts and nothing else is said', () => {
    expect(vectorOf({ deals: [deal('expansion', 200)] })).toEqual({ value: 'neutral', reason: 'no sign of growth or decline' });
  });

  it('when an expansion is lost, then it is not growth', () => {
    expect(vectorOf({ deals: [deal('expansion', 30, false)] }).reason).not.toContain('expansion won');
  });

  it('when a renewal was won 300 days ago, then it is a flat renewal; 400 days ago it is history and not mentioned', () => {
    expect(vectorOf({ deals: [deal('renewal', 300)] })).toEqual({ value: 'neutral', reason: 'renewed flat' });
    expect(vectorOf({ deals: [deal('renewal', 400)] }).reason).toBe('no sign of growth or decline');
  });

  it('when a deal closes after the scoring date, then it does not count yet', () => {
    expect(vectorOf({ deals: [deal('expansion', -10)] }).reason).toBe('no sign of growth or decline');
  });

  it('when a promoter answered 30 days ago, then the vector says so; an answer older than the 90-day window is too old to say anything', () => {
    expect(vectorOf({ feedback: [nps(10, 30)] })).toEqual({ value: 'neutral', reason: 'promoter NPS' });
    expect(vectorOf({ feedback: [nps(10, 91)] }).reason).toBe('no sign of growth or decline');
    expect(vectorOf({ feedback: [nps(10, 90)] }).reason).toBe('promoter NPS');
  });

  it('when a passive answered, then NPS says nothing about direction', () => {
    expect(vectorOf({ feedback: [nps(8, 30)] }).reason).toBe('no sign of growth or decline');
  });

  it('when a promoter answered on top of an expansion, then together they are positive; a detractor with one falling signal is negative', () => {
    expect(vectorOf({ deals: [deal('expansion', 60)], feedback: [nps(9, 30)] })).toEqual({ value: 'positive', reason: 'expansion won; promoter NPS' });
    expect(vectorOf({ feedback: [nps(3, 30)], tickets: [ticket('URGENT', 3), ticket('URGENT', 4)] }))
      .toEqual({ value: 'negative', reason: 'detractor NPS; 2 urgent tickets open' });
  });

  it('when one urgent ticket is open, then it is not yet a sign of decline; two are', () => {
    expect(vectorOf({ tickets: [ticket('URGENT', 3)] }).reason).toBe('no sign of growth or decline');
    expect(vectorOf({ tickets: [ticket('URGENT', 3), ticket('HIGH', 4)] })).toEqual({ value: 'neutral', reason: '2 urgent tickets open' });
  });

  it('when the champion left, then the vector counts it against growth', () => {
    expect(vectorOf({ contacts: [contact('VP Operations'), contact('Champion', true, 20)] })).toEqual({ value: 'neutral', reason: 'champion left' });
  });

  it('when the config asks for 3 points to call it positive, then an expansion alone is neutral', () => {
    const config = structuredClone(defaultScoringConfig);
    config.vector.positiveAt = 3;
    expect(vectorOf({ deals: [deal('expansion', 60)] }, config).value).toBe('neutral');
    expect(vectorOf({ deals: [deal('expansion', 60)], feedback: [nps(10, 30)] }, config).value).toBe('positive');
  });

  it('when the config tolerates -3 before calling it negative, then falling usage alone is neutral', () => {
    const config = structuredClone(defaultScoringConfig);
    config.vector.negativeAt = -3;
    expect(vectorOf({ usage: usageLine(50, 25) }, config).value).toBe('neutral');
    expect(vectorOf({ usage: usageLine(50, 25), feedback: [nps(2, 30)] }, config).value).toBe('negative');
  });
});

describe('Success Vector: health against the company\'s own baseline', () => {
  const base = { usage: usageLine(60, 60) };
  const healthNow = () => score({ ...engaged, ...base }).health.score;

  it('when health has fallen 15 points below its 30-90 day baseline, then that counts against growth', () => {
    expect(vectorOf({ ...base, previousCards: cardsAt([60, 45, 30], healthNow() + 15) }))
      .toEqual({ value: 'neutral', reason: 'usage flat; health down 15 on its baseline' });
    // With a detractor as well, it is decline.
    expect(vectorOf({ ...base, feedback: [nps(2, 20)], previousCards: cardsAt([60, 45, 30], healthNow() + 15) }).value).toBe('negative');
  });

  it('when health is within a few points of its baseline, then the vector says it is steady and by how much', () => {
    expect(vectorOf({ ...base, previousCards: cardsAt([60, 40], healthNow() - 4) }).reason).toBe('usage flat; health steady on its baseline (+4)');
    expect(vectorOf({ ...base, previousCards: cardsAt([60, 40], healthNow() + 4) }).reason).toBe('usage flat; health steady on its baseline (-4)');
    expect(vectorOf({ ...base, previousCards: cardsAt([60, 40], healthNow()) }).reason).toBe('usage flat; health steady on its baseline (+0)');
  });

  it('when health moved exactly the 10 trend points, then it counts as moved, not steady', () => {
    expect(vectorOf({ ...base, previousCards: cardsAt([50], healthNow() - 10) }).reason).toBe('usage flat; health up 10 on its baseline');
    expect(vectorOf({ ...base, previousCards: cardsAt([50], healthNow() + 10) }).reason).toBe('usage flat; health down 10 on its baseline');
  });

  it('when the baseline is the mean of several cards, then a rise is measured against that mean', () => {
    // Cards at now-25 and now-5 points: mean now-15, a rise of 15.
    expect(vectorOf({ ...base, previousCards: [...cardsAt([60], healthNow() - 25), ...cardsAt([40], healthNow() - 5)] }).reason)
      .toContain('health up 15 on its baseline');
  });

  it('when the only earlier cards are younger than 25 days or older than the 90-day window, then there is no baseline to compare with', () => {
    const v = vectorOf({ ...base, previousCards: [...cardsAt([10, 20], healthNow() - 30), ...cardsAt([100, 120], healthNow() - 30)] });
    expect(v.reason).not.toContain('baseline');
  });

  it('when a card sits exactly 25 or exactly 90 days back, then it is part of the baseline', () => {
    expect(vectorOf({ ...base, previousCards: cardsAt([25], healthNow() - 20) }).reason).toContain('health up 20 on its baseline');
    expect(vectorOf({ ...base, previousCards: cardsAt([90], healthNow() - 20) }).reason).toContain('health up 20 on its baseline');
  });
});

describe('Success Vector: a customer still onboarding', () => {
  const onboarding = (startedDaysAgo: number, engagements: CompanySnapshot['engagements']) =>
    score({ company: { contractStartDate: daysAgo(startedDaysAgo) }, engagements }).vector;

  it('when an onboarding customer is past the kick-off date without one, then it is behind schedule and that counts against it', () => {
    expect(onboarding(25, [inboundEmail(2)]).reason).toContain('onboarding behind schedule');
  });

  it('when an onboarding customer is behind and its latest NPS is a detractor, then it is heading negative', () => {
    expect(score({ company: { contractStartDate: daysAgo(25) }, engagements: [inboundEmail(2)], feedback: [nps(3, 5)] }).vector)
      .toEqual({ value: 'negative', reason: 'onboarding behind schedule; detractor NPS' });
  });

  it('when an onboarding customer\'s only milestone is stuck (over 30 days late), then it is behind schedule too', () => {
    const config = structuredClone(defaultScoringConfig);
    config.milestones.items = config.milestones.items.filter((m) => m.key === 'kickoff');
    const card = scoreCompany(aSnapshot({ company: { contractStartDate: daysAgo(50) }, engagements: [inboundEmail(2)] }), config, NOW);
    expect(card.milestones.map((m) => m.state)).toEqual(['stuck']);
    expect(card.vector.reason).toBe('onboarding behind schedule');
  });

  it('when an onboarding customer has neither a milestone done nor one late, then pace says nothing yet', () => {
    expect(onboarding(5, [inboundEmail(2)]).reason).not.toContain('onboarding');
  });

  it('when an established customer has late milestones, then onboarding pace is not part of its vector', () => {
    expect(score({ ...engaged }).vector.reason).not.toContain('onboarding');
  });
});
