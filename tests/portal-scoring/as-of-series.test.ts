import { describe, expect, it } from 'vitest';
import { asPreviousCard, backfillPoints, scoreAsOfPoints } from '../../src/portal-scoring/as-of-series.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail, meeting, usageLine } from '../scoring/support/snapshot.ts';

const DAY = 86_400_000;
const weekly = backfillPoints({ anchorAt: NOW, points: 26, intervalDays: 7 });

// A customer whose usage climbed all half year and who kept talking to us: its history has something to say.
const growing = () => aSnapshot({
  engagements: Array.from({ length: 26 }, (_, week) => (week % 2 === 0 ? inboundEmail(week * 7 + 2) : meeting(week * 7 + 3))),
  usage: usageLine(20, 90, 200),
});

describe('backfill points', () => {
  it('when a backfill of 26 weekly points is planned, then they run oldest first from 182 days before the anchor to a week before it', () => {
    expect(weekly).toHaveLength(26);
    expect(weekly[0]?.toISOString()).toBe(daysAgo(182));
    expect(weekly.at(-1)?.toISOString()).toBe(daysAgo(7));
    expect(weekly.slice(1).every((point, i) => point.getTime() - (weekly[i]?.getTime() ?? 0) === 7 * DAY)).toBe(true);
  });
});

describe('scoring a customer as of past points', () => {
  it('when a long-standing customer is scored as of 26 points, then there is one card per point, dated at it', () => {
    const { cards, failed } = scoreAsOfPoints(growing(), defaultScoringConfig, weekly);
    expect(failed).toEqual([]);
    expect(cards.map((c) => c.scoredAt)).toEqual(weekly.map((p) => p.toISOString()));
  });

  it('when records dated after a point are added, then the card as of that point does not change', () => {
    const point = weekly[10]!;
    const base = growing();
    const after = (iso: string) => Date.parse(iso) > point.getTime();
    const withFuture = {
      ...base,
      engagements: [...base.engagements, inboundEmail(1), meeting(2, 'QBR')],
      usage: base.usage.map((p) => (after(p.date) ? { ...p, value: 400 } : p)),
    };
    const past = (s: typeof base) => scoreAsOfPoints(s, defaultScoringConfig, weekly.slice(0, 11)).cards.at(-1);
    expect(past(withFuture)?.scoredAt).toBe(point.toISOString());
    expect(past(withFuture)).toEqual(past(base));
  });

  it('when the later points are scored, then they read the earlier points as their history: a baseline for the vector and a change sentence', () => {
    const { cards } = scoreAsOfPoints(growing(), defaultScoringConfig, weekly);
    const late = cards.at(-1)!;
    // Scored alone, the same moment has no history to compare with.
    const alone = scoreAsOfPoints(growing(), defaultScoringConfig, weekly.slice(-1)).cards[0]!;
    expect(cards[0]?.changeReason).toMatch(/^first score/);
    expect(alone.changeReason).toMatch(/^first score/);
    expect(late.changeReason).not.toMatch(/^first score/);
    expect(late.vector.reason).toMatch(/on its baseline/);
    expect(alone.vector.reason).not.toMatch(/baseline/);
  });

  it('when the customer began (contract start) within the window, then no card is scored before it began', () => {
    const { cards } = scoreAsOfPoints(aSnapshot({ company: { createdAt: daysAgo(100), contractStartDate: daysAgo(60) } }), defaultScoringConfig, weekly);
    expect(cards.length).toBe(8);
    expect(cards.every((c) => Date.parse(c.scoredAt) >= Date.parse(daysAgo(60)))).toBe(true);
  });

  it('when the customer churned within the window, then no card is scored from its churn on', () => {
    const { cards } = scoreAsOfPoints(aSnapshot({ company: { churnedAt: daysAgo(30), churnReason: 'budget' } }), defaultScoringConfig, weekly);
    expect(cards.map((c) => c.scoredAt).at(-1)).toBe(daysAgo(35));
    expect(cards.every((c) => c.churn === null)).toBe(true);
  });

  it('when cards were stored before the points, then the first point already compares with them', () => {
    const earlier = scoreCompany(aSnapshot({ usage: usageLine(90, 90, 400).filter((p) => Date.parse(p.date) < Date.parse(daysAgo(200))) }), defaultScoringConfig, new Date(Date.parse(daysAgo(190))));
    const withPrior = scoreAsOfPoints(aSnapshot(), defaultScoringConfig, weekly.slice(0, 1), [asPreviousCard(earlier)]).cards[0]!;
    const without = scoreAsOfPoints(aSnapshot(), defaultScoringConfig, weekly.slice(0, 1)).cards[0]!;
    expect(withPrior.changeReason).not.toBe(without.changeReason);
  });
});
