import { describe, expect, it } from 'vitest';
import { cardDataSchema } from '../card-data.schema.ts';
import { scoredCardData } from './card-data.fixture.ts';

const firstIssue = (body: unknown): string => {
  const result = cardDataSchema.safeParse(body);
  if (result.success) return 'accepted';
  const issue = result.error.issues[0];
  return `${issue?.path.join('.')}: ${issue?.message}`;
};

describe('the card data contract', () => {
  it.each([{ status: 'not_customer' }, { status: 'not_scored' }, scoredCardData()])('when the backend sends %#, then the card accepts it', (body) => {
    expect(firstIssue(body)).toBe('accepted');
  });

  it('when the backend adds a field the card does not know yet, then the card accepts the body and drops the field', () => {
    const body = { ...scoredCardData(), segment: 'mid-market' };
    expect(cardDataSchema.parse(body)).not.toHaveProperty('segment');
  });

  const scored = scoredCardData().score;
  it.each<[string, string, unknown]>([
    ['an unknown status', 'status', { status: 'maybe' }],
    ['a biggest drag that names no component', 'score.biggestDrag', { ...scored, biggestDrag: 'support' }],
    ['a missing component with a value', 'score.components.2.value', { ...scored, components: scored.components.map((c) => (c.missing ? { ...c, value: 50 } : c)) }],
    ['a score above 100', 'score.healthScore', { ...scored, healthScore: 101 }],
    ['a trend day that is not a date', 'score.trend.0.date', { ...scored, trend: [{ date: '22/11/2026', score: 40 }] }],
    ['more than 91 trend points', 'score.trend', { ...scored, trend: Array.from({ length: 92 }, () => ({ date: '2026-11-22', score: 40 })) }],
    ['an unknown milestone state', 'score.milestones.0.state', { ...scored, milestones: [{ ...scored.milestones[0], state: 'late' }] }],
    ['a play that is not a stable identifier', 'score.nextPlay.play', { ...scored, nextPlay: { ...scored.nextPlay, play: 'Rescue!' } }],
  ])('when the backend sends %s, then the card rejects it naming %s', (_story, path, score) => {
    const body = typeof score === 'object' && score !== null && 'status' in score ? score : { ...scoredCardData(), score };
    expect(firstIssue(body)).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}:`));
  });
});
