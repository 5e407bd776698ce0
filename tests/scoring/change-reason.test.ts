import { describe, expect, it } from 'vitest';
import { biggestDrag, changeReason, latestPreviousCard } from '../../src/scoring/explain.ts';
import type { ComponentResult } from '../../src/scoring/score-card.schema.ts';
import type { PreviousCard } from '../../src/scoring/snapshot.schema.ts';
import { NOW, daysAgo } from './support/snapshot.ts';

// The card's "what changed" sentence and its biggest drag (docs/scoring.md, explanations), on hand-made components.
const part = (key: ComponentResult['key'], value: number | null, weight: number, detail: string): ComponentResult =>
  ({ key, value, weight, missing: value === null, contribution: (value ?? 0) * weight, detail });
const previous = (healthScore: number, components: [ComponentResult['key'], number | null][], cohort: PreviousCard['cohort'] = 'neutral', days = 7): PreviousCard =>
  ({ scoredAt: daysAgo(days), healthScore, status: 'yellow', cohort, components: components.map(([key, value]) => ({ key, value })) });

describe('the biggest drag', () => {
  it('when one component costs the most weighted points, then it is the drag, whatever order the components come in', () => {
    const parts = [part('usage', 90, 0.25, 'usage ok'), part('support', 40, 0.12, 'tickets'), part('engagement', 70, 0.2, 'quiet')];
    expect(biggestDrag(parts)?.detail).toBe('tickets');
    expect(biggestDrag([...parts].reverse())?.detail).toBe('tickets');
  });

  it('when two components cost the same, then the first listed is the drag', () => {
    expect(biggestDrag([part('usage', 60, 0.1, 'first'), part('support', 60, 0.1, 'second')])?.detail).toBe('first');
  });

  it('when every present component is full, or the only low one is missing data, then there is no drag', () => {
    expect(biggestDrag([part('usage', 100, 0.5, 'full'), part('sentiment', null, 0, 'no survey answer recently')])).toBeNull();
  });
});

describe('the card it is compared with', () => {
  it('when earlier cards are listed in any order, then the latest before now is the baseline; one dated now or later, or undated, is not', () => {
    const cards = [previous(50, [], 'neutral', 10), previous(60, [], 'neutral', 2), previous(70, [], 'neutral', 0), previous(80, [], 'neutral', -3), { ...previous(90, []), scoredAt: 'not a date' }];
    expect(latestPreviousCard(cards, NOW.getTime())?.healthScore).toBe(60);
    expect(latestPreviousCard([...cards].reverse(), NOW.getTime())?.healthScore).toBe(60);
  });
});

describe('what changed since the last score', () => {
  it('when health rose, then the two components that lifted it most are named, largest first, and a falling one is not', () => {
    const now = [part('usage', 90, 0.25, 'usage up'), part('engagement', 80, 0.2, 'replies'), part('support', 95, 0.12, 'tickets closed'), part('sentiment', 40, 0.12, 'detractor')];
    const before = previous(50, [['usage', 70], ['engagement', 50], ['support', 85], ['sentiment', 90]]);
    expect(changeReason({ score: 60, status: 'yellow', cohort: 'neutral', components: now }, before)).toBe('health rose 10: replies; usage up');
  });

  it('when two components moved the same, then they are named in key order', () => {
    const now = [part('support', 80, 0.1, 'support'), part('cadence', 80, 0.1, 'cadence')];
    expect(changeReason({ score: 60, status: 'yellow', cohort: 'neutral', components: now }, previous(55, [['support', 70], ['cadence', 70]])))
      .toBe('health rose 5: cadence; support');
  });

  it('when a component is missing now, then it is not named as a cause even if it had moved', () => {
    const now = [part('usage', null, 0, 'no usage data'), part('engagement', 60, 0.5, 'replies')];
    expect(changeReason({ score: 60, status: 'yellow', cohort: 'neutral', components: now }, previous(50, [['usage', 0], ['engagement', 40]])))
      .toBe('health rose 10: replies');
  });

  it('when health fell but no component fell on its own, then the biggest drag is named; with no drag, several small changes', () => {
    const now = [part('usage', 50, 0.3, 'half the seats'), part('support', 100, 0.1, 'no open tickets')];
    expect(changeReason({ score: 45, status: 'yellow', cohort: 'neutral', components: now }, previous(60, [['usage', 50], ['support', 100]])))
      .toBe('health fell 15: half the seats');
    const full = [part('support', 100, 1, 'no open tickets')];
    expect(changeReason({ score: 95, status: 'green', cohort: 'neutral', components: full }, previous(100, [['support', 100]]))).toBe('health fell 5: several small changes');
  });

  it('when health rose but no component rose on its own, then it is several small changes', () => {
    const now = [part('usage', 50, 0.3, 'half the seats')];
    expect(changeReason({ score: 65, status: 'yellow', cohort: 'neutral', components: now }, previous(60, [['usage', 50]]))).toBe('health rose 5: several small changes');
  });

  it('when a component is new since the last card, then it did not move; the cohort change is appended', () => {
    const now = [part('sentiment', 100, 0.5, 'promoter'), part('usage', 80, 0.5, 'usage up')];
    expect(changeReason({ score: 70, status: 'green', cohort: 'positive', components: now }, previous(60, [['usage', 60]])))
      .toBe('health rose 10: usage up; cohort neutral -> positive');
  });
});
