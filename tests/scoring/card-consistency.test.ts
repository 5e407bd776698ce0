import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail, meeting, outboundEmail, ticket, usageLine } from './support/snapshot.ts';

const score = (overrides: Parameters<typeof aSnapshot>[0]) => scoreCompany(aSnapshot(overrides), defaultScoringConfig, NOW);
const componentOf = (card: ReturnType<typeof score>, key: string) => card.health.components.find((c) => c.key === key)!;
const milestone = (card: ReturnType<typeof score>, key: string) => card.milestones.find((m) => m.key === key)!;

describe('milestones agree with the rest of the card', () => {
  it('when half the seats were active last month and usage has since dipped, then the adoption milestone stays done', () => {
    const usage = [...usageLine(60, 60, 90).slice(0, 40), ...usageLine(30, 30, 50)];
    const card = score({ usage });
    expect(componentOf(card, 'usage').value).not.toBeNull();
    expect(milestone(card, 'adoption')).toMatchObject({ state: 'done', doneAt: daysAgo(90) });
  });

  it('when an earlier card showed a milestone done and its evidence has left the history window, then it is still done on that day', () => {
    const previous: PreviousCard = {
      scoredAt: daysAgo(30), healthScore: 70, status: 'green', cohort: 'positive', nextPlay: 'monitor', components: [],
      milestonesDone: [{ key: 'adoption', doneAt: daysAgo(300) }],
    };
    const card = score({ usage: usageLine(20, 20, 60), previousCards: [previous] });
    expect(milestone(card, 'adoption')).toMatchObject({ state: 'done', doneAt: daysAgo(300) });
  });

  it('when there is no usage series but the active-users property shows 82% of seats, then the card says 82% and the adoption milestone is done, not stuck', () => {
    const card = score({ company: { activeUsers30d: 82 }, engagements: [inboundEmail(3)] });
    expect(componentOf(card, 'usage').detail).toContain('82% of seats active');
    expect(milestone(card, 'adoption').state).toBe('done');
  });

  it('when a two-year-old customer never had a kick-off on record, then kick-off is skipped and drive adoption names a later milestone', () => {
    const card = score({ engagements: [inboundEmail(10), meeting(40)], usage: usageLine(45, 45) });
    expect(milestone(card, 'kickoff').state).toBe('skipped');
    expect(milestone(card, 'onboarding_complete').state).toBe('skipped');
    expect(card.currentMilestone).not.toBe('kickoff');
    expect(card.nextPlay.reason).not.toMatch(/kick-off|onboarding complete/i);
    expect(componentOf(card, 'milestones').detail).not.toMatch(/Kick-off/);
  });

  it('when a customer is still onboarding and the kick-off is late, then it is behind, not skipped', () => {
    const card = score({ company: { contractStartDate: daysAgo(25) } });
    expect(milestone(card, 'kickoff').state).toBe('behind');
  });
});

describe('status caps and churn', () => {
  it('when three urgent tickets cap a healthy score, then the card says capped at red and why', () => {
    const urgent = [ticket('URGENT', 1), ticket('URGENT', 2), ticket('URGENT', 3)];
    const card = score({ engagements: [inboundEmail(2), meeting(20)], usage: usageLine(70, 80), tickets: urgent });
    expect(card.health.status).toBe('red');
    expect(card.health.vetoApplied).toBe('capped at red: 3 urgent tickets open');
  });

  it('when a churned customer has been silent for months, then it is not flagged gone dark', () => {
    const card = score({ company: { churnedAt: daysAgo(40), churnReason: 'budget' }, engagements: [inboundEmail(120)] });
    expect(card.churn).not.toBeNull();
    expect(card.goneDark.dark).toBe(false);
    expect(card.cohort).not.toBe('dark');
  });
});

describe('sentences read right for every number', () => {
  const sentences = (card: ReturnType<typeof score>) => [
    ...card.health.components.map((c) => c.detail), card.nextPlay.reason, card.vector.reason, card.changeReason, card.health.vetoApplied ?? '',
  ];
  const singularWrong = /\b1 (days|tickets|touches|milestones|urgent tickets|CSM touches)\b/;
  const pluralWrong = /\b([02-9]|\d\d+) (day|ticket|touch|milestone|CSM touch)\b(?!e)/;

  it.each([0, 1, 2, 3, 5, 8])('when there were %i CSM touches in the window, then the cadence sentence reads right', (touches) => {
    const engagements = Array.from({ length: touches }, (_, i) => outboundEmail(1 + i * 5));
    const card = score({ company: { arr: 200_000 }, engagements: [...engagements, inboundEmail(1)] });
    const detail = componentOf(card, 'cadence').detail;
    expect(detail).toBe(`${touches} CSM ${touches === 1 ? 'touch' : 'touches'} in the last 90 days, 6 expected`);
    expect(detail).not.toMatch(/\d+ of \d+ expected/);
  });

  it.each([0, 1, 2, 20])('when the last inbound touch was %i days ago and one urgent ticket is open, then no sentence miscounts', (days) => {
    const card = score({ engagements: [inboundEmail(days)], tickets: [ticket('URGENT', 1)], company: { renewalDate: daysAgo(-1) }, usage: usageLine(30, 30) });
    for (const sentence of sentences(card)) {
      expect(sentence).not.toMatch(singularWrong);
      expect(sentence).not.toMatch(pluralWrong);
    }
    if (days === 0) expect(componentOf(card, 'engagement').detail).toContain('last inbound touch today');
    if (days === 1) expect(componentOf(card, 'engagement').detail).toContain('last inbound touch 1 day ago');
    expect(componentOf(card, 'commercial').detail).toContain('renewal in 1 day, not signed');
  });
});
