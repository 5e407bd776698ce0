import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, contact, daysAgo, inboundEmail, meeting, nps, ticket, usageLine } from './support/snapshot.ts';

const healthyHistory = {
  engagements: [inboundEmail(41), meeting(45), inboundEmail(50)],
  usage: usageLine(60, 60),
  contacts: [contact('CFO'), contact('Ops lead')],
  feedback: [nps(8, 60)],
};

describe('explanations', () => {
  it('when engagement went quiet and urgent tickets piled up since the last score, then the change reason says so', () => {
    const now = scoreCompany(aSnapshot({ ...healthyHistory, tickets: [ticket('URGENT', 5), ticket('URGENT', 4), ticket('URGENT', 2)] }), defaultScoringConfig, NOW);
    const previous: PreviousCard = {
      scoredAt: daysAgo(7), healthScore: now.health.score + 12, status: 'green', cohort: 'neutral',
      components: now.health.components.map((c) => ({ key: c.key, value: c.key === 'engagement' ? 90 : c.key === 'support' ? 100 : c.value })),
    };
    const card = scoreCompany(aSnapshot({ ...healthyHistory, tickets: [ticket('URGENT', 5), ticket('URGENT', 4), ticket('URGENT', 2)], previousCards: [previous] }), defaultScoringConfig, NOW);
    expect(card.changeReason).toBe(`health fell 12: no inbound touch in 41 days; 3 urgent tickets open; cohort neutral -> ${card.cohort}`);
  });

  it('when there is no earlier score, then the reason says it is the first', () => {
    const card = scoreCompany(aSnapshot(healthyHistory), defaultScoringConfig, NOW);
    expect(card.changeReason).toBe(`first score: health ${Math.round(card.health.score)} (${card.health.status})`);
  });

  it('when health did not move, then the reason says unchanged', () => {
    const first = scoreCompany(aSnapshot(healthyHistory), defaultScoringConfig, NOW);
    const previous: PreviousCard = { scoredAt: daysAgo(1), healthScore: first.health.score, status: first.health.status, cohort: first.cohort, components: [] };
    expect(scoreCompany(aSnapshot({ ...healthyHistory, previousCards: [previous] }), defaultScoringConfig, NOW).changeReason)
      .toBe(`health unchanged at ${Math.round(first.health.score)}`);
  });

  it('when a previous card is dated after now, then it is ignored as the baseline', () => {
    const future: PreviousCard = { scoredAt: daysAgo(-3), healthScore: 0, status: 'red', cohort: 'negative', components: [] };
    expect(scoreCompany(aSnapshot({ ...healthyHistory, previousCards: [future] }), defaultScoringConfig, NOW).changeReason).toMatch(/^first score/);
  });

  it('when support costs the most points, then it is the biggest drag, and every component shows weight and contribution', () => {
    const card = scoreCompany(aSnapshot({ ...healthyHistory, engagements: [inboundEmail(2), meeting(10)], tickets: [ticket('URGENT', 2), ticket('URGENT', 3), ticket('HIGH', 1)] }), defaultScoringConfig, NOW);
    expect(card.health.biggestDrag).toEqual({ key: 'support', detail: '3 urgent tickets open' });
    for (const c of card.health.components) expect(c.contribution).toBeCloseTo((c.value ?? 0) * c.weight, 1);
    expect(card.health.components.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(card.health.score, 0);
  });
});
