import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scorePriority } from '../../src/scoring/priority.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { PlayOutcome, PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, contact, daysAgo, deal, inboundEmail, meeting, nps, ticket, usageLine } from './support/snapshot.ts';

const score = (overrides: Parameters<typeof aSnapshot>[0]) => scoreCompany(aSnapshot(overrides), defaultScoringConfig, NOW);
const thriving = { engagements: [inboundEmail(3), meeting(20)], contacts: [contact('CEO'), contact('Ops lead')], deals: [deal('expansion', 60)], usage: usageLine(40, 60) };

describe('next play', () => {
  it.each([
    ['a bad-fit customer', 'off_board', { company: { properties: { industry: 'RESTAURANTS', numberofemployees: '40', country: 'Germany' } }, engagements: [inboundEmail(2)] }],
    ['a customer silent for 50 days', 're_engage', { engagements: [inboundEmail(50)] }],
    ['a customer whose usage is collapsing', 'rescue', { engagements: [inboundEmail(10)], usage: usageLine(60, 20), tickets: [ticket('URGENT', 4), ticket('HIGH', 9)] }],
    ['a stagnant customer', 'drive_adoption', { engagements: [inboundEmail(10), meeting(40)], usage: usageLine(45, 45), deals: [deal('renewal', 200)] }],
    ['a thriving customer using 95% of its seats', 'expansion_conversation', { ...thriving, usage: usageLine(70, 95) }],
    ['a thriving customer that just gave NPS 10', 'advocacy_ask', { ...thriving, feedback: [nps(10, 5)] }],
    ['a thriving customer with nothing new', 'monitor', thriving],
  ])('when the company is %s, then the play is %s', (_case, play, overrides) => {
    const card = score(overrides);
    expect(card.nextPlay.play).toBe(play);
    expect(card.nextPlay.steps.length).toBeGreaterThanOrEqual(1);
    expect(card.nextPlay.steps.length).toBeLessThanOrEqual(3);
    expect(card.nextPlay.reason.length).toBeGreaterThan(0);
  });

  const cards = (plays: (string | null)[]): PreviousCard[] => plays.map((nextPlay, i) => ({
    scoredAt: daysAgo(100 - i), healthScore: 80, status: 'green', cohort: 'positive', nextPlay, components: [],
  }));
  const asked = (outcome: PlayOutcome['outcome'], days: number, status: PlayOutcome['status'] = 'done'): PlayOutcome =>
    ({ play: 'advocacy_ask', status, outcome, recordedAt: daysAgo(days) });

  it.each<[string, PlayOutcome[], string]>([
    ['no ask recorded', [], 'Ask for a short review or a quote'],
    ['a review given', [asked('review', 40)], 'Ask for a case study'],
    ['a review, then a case study', [asked('review', 200), asked('case_study', 40)], 'Ask to be a reference or speak at an event'],
    ['an ask declined', [asked('declined', 40)], 'Ask for a short review or a quote'],
    ['a case study, then a declined reference', [asked('case_study', 200), asked('declined', 40)], 'Ask to be a reference or speak at an event'],
    ['a skipped ask', [asked(null, 40, 'skipped')], 'Ask for a short review or a quote'],
    ['a review recorded after now', [asked('review', -5)], 'Ask for a short review or a quote'],
  ])('when %s, then the ladder stands accordingly', (_case, playOutcomes, step) => {
    const card = score({ ...thriving, feedback: [nps(10, 5)], playOutcomes });
    expect(card.nextPlay.play).toBe('advocacy_ask');
    expect(card.nextPlay.steps.at(-1)).toBe(step);
  });

  it('when cards recommended advocacy many times but no ask was recorded, then the ladder does not climb', () => {
    const recommendedOften = cards(Array(5).fill(['advocacy_ask', 'monitor']).flat());
    const card = score({ ...thriving, feedback: [nps(10, 5)], previousCards: recommendedOften });
    expect(card.nextPlay.steps.at(-1)).toBe('Ask for a short review or a quote');
    expect(card.nextPlay.reason).toContain('asks recorded: 0');
  });
});

describe('priority', () => {
  const base = { arr: 100_000, cohort: 'negative' as const, health: 30, renewalDate: null, churned: false, now: NOW.getTime() };

  it('when two customers differ only in cohort, then negative ranks above dark, neutral, positive and bad fit', () => {
    const ranked = (['positive', 'bad_fit', 'neutral', 'negative', 'dark'] as const)
      .map((cohort) => ({ cohort, priority: scorePriority({ ...base, cohort }, defaultScoringConfig) }))
      .sort((a, b) => b.priority - a.priority).map((r) => r.cohort);
    expect(ranked).toEqual(['negative', 'dark', 'neutral', 'positive', 'bad_fit']);
  });

  it.each([
    ['ten times the ARR', { arr: 1_000_000 }, (p: number, b: number) => p === b * 10],
    ['a renewal in 30 days', { renewalDate: daysAgo(-30) }, (p: number, b: number) => p > b * 1.5],
    ['a renewal a year away', { renewalDate: daysAgo(-365) }, (p: number, b: number) => p === b],
    ['worse health', { health: 5 }, (p: number, b: number) => p > b],
    ['churned already', { churned: true }, (p: number) => p === 0],
  ])('when a customer has %s, then its priority moves accordingly', (_case, change, holds) => {
    const before = scorePriority(base, defaultScoringConfig);
    expect(holds(scorePriority({ ...base, ...change }, defaultScoringConfig), before)).toBe(true);
  });
});
