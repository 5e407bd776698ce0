import { describe, expect, it } from 'vitest';
import { parseScoringConfig, type ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { NOW, aSnapshot, contact, meeting } from './support/snapshot.ts';

const withPatterns = (titlePattern: string, executiveTitlePattern = defaultScoringConfig.health.components.relationship.executiveTitlePattern): unknown => {
  const config = structuredClone(defaultScoringConfig) as ScoringConfig;
  config.milestones.items[0]!.condition = { type: 'meeting', titlePattern };
  config.health.components.relationship.executiveTitlePattern = executiveTitlePattern;
  return config;
};

const parsed = (input: unknown): ScoringConfig => {
  const result = parseScoringConfig(input);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};

describe('admin-supplied regular expressions', () => {
  it('when a pattern backtracks catastrophically on a backtracking engine, then scoring a long title still finishes and matches nothing', () => {
    // On a backtracking engine this pair takes about 2^40 steps; RE2 answers in one pass over the text.
    const evil = '^(\\w+\\s?)+$x';
    const config = parsed(withPatterns(evil, evil));
    const title = 'a'.repeat(40);
    const snapshot = aSnapshot({ engagements: [meeting(30, title)], contacts: [contact(title)] });
    const card = scoreCompany(snapshot, config, NOW);
    const matchingNothing = scoreCompany(snapshot, parsed(withPatterns('^never$', '^never$')), NOW);
    expect(card.milestones).toEqual(matchingNothing.milestones);
    expect(card.health).toEqual(matchingNothing.health);
  });

  it('when a pattern is an ordinary one, then it matches case-insensitively as before', () => {
    const config = parsed(withPatterns('kick-?off'));
    const card = scoreCompany(aSnapshot({ engagements: [meeting(600, 'KICKOFF with Acme')] }), config, NOW);
    expect(card.milestones[0]?.state).toBe('done');
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'kick(?=off)'],
    ['a pattern longer than 200 characters', 'a'.repeat(201)],
  ])('when a pattern uses %s, then the config is refused naming the pattern', (_case, source) => {
    const result = parseScoringConfig(withPatterns(source));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((i) => i.path)).toEqual(['milestones.items.0.condition.titlePattern']);
  });
});
