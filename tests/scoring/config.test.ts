import { describe, expect, it } from 'vitest';
import { parseScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';

// The config is deliberately edited as loose JSON, the way a portal admin would send it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Editable = Record<string, any>;

const withChange = (change: (config: Editable) => void): unknown => {
  const copy = structuredClone(defaultScoringConfig) as Editable;
  change(copy);
  return copy;
};

describe('scoring config', () => {
  it('when the default B2B SaaS config is parsed, then it is accepted unchanged', () => {
    const result = parseScoringConfig(structuredClone(defaultScoringConfig));
    expect(result).toEqual({ ok: true, value: defaultScoringConfig });
  });

  it.each([
    ['a weight above 1', 'health.components.support.weight', (c: Editable) => { c.health.components.support.weight = 1.5; }, 'must be between 0 and 1'],
    ['a negative weight override', 'health.weightsByStage.onboarding.milestones', (c: Editable) => { c.health.weightsByStage.onboarding.milestones = -0.1; }, 'must be between 0 and 1'],
    ['a weight given as text', 'health.components.usage.weight', (c: Editable) => { c.health.components.usage.weight = 'high'; }, 'must be a number between 0 and 1'],
    ['a status threshold above 100', 'health.status.green', (c: Editable) => { c.health.status.green = 120; }, 'must be between 0 and 100'],
    ['yellow above green', 'health.status.yellow', (c: Editable) => { c.health.status.yellow = 80; }, 'must not exceed green'],
    ['an unknown segment in the dark windows', 'dark.bySegment.huge', (c: Editable) => { c.dark.bySegment.huge = 10; }, 'unknown segment "huge"'],
    ['two milestones with one key', 'milestones.items.1.key', (c: Editable) => { c.milestones.items[1].key = 'kickoff'; }, 'duplicate milestone key "kickoff"'],
    ['a broken title pattern', 'milestones.items.0.condition.titlePattern', (c: Editable) => { c.milestones.items[0].condition.titlePattern = '(kick'; }, expect.stringMatching(/^must be a valid regular expression/)],
    ['fractional dark days', 'dark.defaultDays', (c: Editable) => { c.dark.defaultDays = 2.5; }, 'must be a whole number of days'],
    ['four steps for a play', 'plays.steps.rescue', (c: Editable) => { c.plays.steps.rescue = ['a', 'b', 'c', 'd']; }, 'must list at most 3 steps'],
    ['an open-ended middle segment', 'segments.1.maxArr', (c: Editable) => { c.segments[1].maxArr = null; }, 'only the last segment may have maxArr null'],
  ])('when the config has %s, then the error names %s', (_case, path, change, message) => {
    const result = parseScoringConfig(withChange(change));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContainEqual({ path, message });
  });

  it('when several fields are wrong, then every one is reported', () => {
    const result = parseScoringConfig(withChange((c) => { c.health.components.support.weight = 2; c.dark.defaultDays = -1; }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((e) => e.path)).toEqual(expect.arrayContaining(['health.components.support.weight', 'dark.defaultDays']));
  });
});
