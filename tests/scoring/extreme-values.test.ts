import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCardSchema, type ScoreCard } from '../../src/scoring/score-card.schema.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { companySnapshotSchema, type CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { snapshotArb } from './support/arbitraries.ts';
import { NOW, aSnapshot, daysAgo, deal, nps } from './support/snapshot.ts';

/** Every number a card holds, at any depth. */
const numbersIn = (value: unknown): number[] => {
  if (typeof value === 'number') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(numbersIn);
};

const expectSound = (card: ScoreCard) => {
  for (const n of numbersIn(card)) expect(Number.isFinite(n), `card holds ${n}`).toBe(true);
  expect(scoreCardSchema.safeParse(card).success).toBe(true);
  expect(JSON.parse(JSON.stringify(card))).toEqual(card);
};

// Numbers no real portal sends but code can still be handed: overflowing, vanishing, not a number at all.
const extreme = fc.constantFrom(1e307, -1e307, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, NaN, 0, -1, 1e15);

const poisoned: fc.Arbitrary<CompanySnapshot> = fc.record({
  base: snapshotArb,
  arr: extreme, seats: extreme, activeUsers30d: extreme, keyFeaturesUsed: extreme, amount: extreme, survey: extreme, usage: extreme,
}).map(({ base, arr, seats, activeUsers30d, keyFeaturesUsed, amount, survey, usage }) => ({
  ...base,
  company: { ...base.company, arr, seats, activeUsers30d, keyFeaturesUsed },
  deals: [...base.deals.map((d) => ({ ...d, amount })), deal('expansion', 10, true, amount)],
  feedback: [...base.feedback.map((f) => ({ ...f, value: survey })), { ...nps(9, 5), value: survey }],
  usage: [...base.usage.map((p) => ({ ...p, value: usage })),
    ...Array.from({ length: 90 }, (_, i) => ({ date: daysAgo(90 - i), metric: 'active_users', value: usage }))],
}));

describe('extreme values through every component', () => {
  it('when 90 daily rows of active_users are 1e307, then the card is finite, valid and scores as the top of the range', () => {
    const daily = (value: number) => Array.from({ length: 90 }, (_, i) => ({ date: daysAgo(90 - i), metric: 'active_users', value }));
    const card = scoreCompany(aSnapshot({ usage: daily(1e307) }), defaultScoringConfig, NOW);
    expectSound(card);
    const atTop = scoreCompany(aSnapshot({ usage: daily(1e9) }), defaultScoringConfig, NOW);
    expect(card.health).toEqual(atTop.health);
  });

  it('when any number of a snapshot is overflowing, vanishing, infinite or NaN, then every card number is finite and in its range', () => {
    fc.assert(fc.property(poisoned, (snapshot) => expectSound(scoreCompany(snapshot, defaultScoringConfig, NOW))),
      { numRuns: 300, seed: 20261201 });
  });

  it('when a snapshot file carries a value beyond its documented range, then the schema refuses it with the path', () => {
    const parsed = companySnapshotSchema.safeParse(aSnapshot({ usage: [{ date: daysAgo(1), metric: 'active_users', value: 1e307 }] }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['usage', 0, 'value']);
  });
});
