import { describe, expect, it } from 'vitest';
import { cardDataSchema as cardContract } from '../../cards/card-data.schema.ts';
import { parseScoringConfig, type ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { cardDataSchema } from '../../src/server/cards/card-data.schema.ts';
import { scoreView } from '../../src/server/cards/card-view.ts';
import { NOW, aSnapshot, inboundEmail, meeting, usageLine } from './support/snapshot.ts';

const withMilestones = (count: number, key = (i: number) => `step_${i}`): unknown => ({
  ...defaultScoringConfig,
  milestones: {
    ...defaultScoringConfig.milestones,
    items: Array.from({ length: count }, (_, i) => ({
      key: key(i), label: `Step ${i}`, kind: 'customer', expectedDays: 10 + i, condition: { type: 'meeting', titlePattern: `step ${i}` },
    })),
  },
});

const withFitRules = (count: number): unknown => ({
  ...defaultScoringConfig,
  fit: { good: Array.from({ length: count }, (_, i) => ({ op: 'gte', property: `p${i}`, value: i })), bad: [] },
});

const issuesOf = (config: unknown) => {
  const parsed = parseScoringConfig(config);
  return parsed.ok ? [] : parsed.error;
};

/** The card response a company scored under this config becomes, checked by both copies of the card contract. */
const cardFor = (config: ScoringConfig) => {
  const card = scoreCompany(aSnapshot({ engagements: [inboundEmail(3), meeting(20, 'Step 3')], usage: usageLine(20, 40) }), config, NOW);
  return { status: 'ok', company: { id: '101', name: 'Acme' }, score: scoreView(card, []) };
};

describe('a config never breaks the card', () => {
  it('when a milestone key is not a lowercase identifier, then the config is refused naming the key\'s path', () => {
    expect(issuesOf(withMilestones(3, (i) => (i === 1 ? 'Kickoff' : `step_${i}`)))).toEqual([
      { path: 'milestones.items.1.key', message: expect.stringContaining('lowercase identifier') },
    ]);
  });

  it('when a config lists more milestones than the card shows, then it is refused naming the list', () => {
    expect(issuesOf(withMilestones(31))).toEqual([{ path: 'milestones.items', message: expect.stringContaining('at most 30') }]);
  });

  it('when a config has more fit rules than the card shows, then it is refused naming the rules', () => {
    expect(issuesOf(withFitRules(21))).toEqual([{ path: 'fit.bad', message: expect.stringContaining('at most 20') }]);
  });

  it('when a config sits at every limit, then the cards it produces pass the card\'s own contract and the server\'s copy', () => {
    for (const config of [withMilestones(30), withFitRules(20)]) {
      const parsed = parseScoringConfig(config);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      const data = cardFor(parsed.value);
      expect(cardDataSchema.safeParse(data).error).toBeUndefined();
      expect(cardContract.safeParse(data).error).toBeUndefined();
    }
  });
});
