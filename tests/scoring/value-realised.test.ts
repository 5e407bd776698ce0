import { describe, expect, it } from 'vitest';
import { parseScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { DesiredOutcome } from '../../src/scoring/snapshot.schema.ts';
import { valueRealised } from '../../src/scoring/value-realised.ts';
import { NOW, aSnapshot, daysAgo } from './support/snapshot.ts';

describe('value realised from baseline, target and current value', () => {
  it.each([
    { story: 'nothing moved yet', baseline: 10, target: 50, current: 10, level: 'none', percent: 0 },
    { story: 'it went backwards', baseline: 10, target: 50, current: 5, level: 'none', percent: 0 },
    { story: 'a quarter of the way', baseline: 10, target: 50, current: 20, level: 'partial', percent: 25 },
    { story: 'just short of the target', baseline: 10, target: 50, current: 49.9, level: 'partial', percent: 99.8 },
    { story: 'the target reached', baseline: 10, target: 50, current: 50, level: 'full', percent: 100 },
    { story: 'past the target', baseline: 10, target: 50, current: 80, level: 'full', percent: 100 },
    { story: 'a reduction half done (target below baseline)', baseline: 40, target: 10, current: 25, level: 'partial', percent: 50 },
    { story: 'a reduction reached', baseline: 40, target: 10, current: 8, level: 'full', percent: 100 },
    { story: 'a reduction that grew instead', baseline: 40, target: 10, current: 45, level: 'none', percent: 0 },
    { story: 'a negative baseline', baseline: -20, target: 20, current: 0, level: 'partial', percent: 50 },
  ] as const)('when $story (baseline $baseline, target $target, current $current), then value realised is $level at $percent%', ({ baseline, target, current, level, percent }) => {
    expect(valueRealised(baseline, target, current)).toEqual({ level, percent });
  });

  it('when the current value is missing, then value realised is unknown rather than none', () => {
    expect(valueRealised(10, 50, null)).toBeNull();
  });
});

const outcome = (overrides: Partial<DesiredOutcome> = {}): DesiredOutcome => ({
  outcome: 'Cut month-end close from 10 days to 4', metric: 'Days to close the month', source: { kind: 'property', property: 'days_to_close' },
  baseline: 10, target: 4, targetDate: '2027-03-31', setBy: 'Casey Morgan', setAt: daysAgo(30), ...overrides,
});

describe('the desired outcome on the score card', () => {
  it('when the mapped company property holds the current value, then the card reads it and says where it came from', () => {
    const card = scoreCompany(aSnapshot({ company: { properties: { ...aSnapshot().company.properties, days_to_close: '7' } }, desiredOutcome: outcome() }), defaultScoringConfig, NOW);
    expect(card.valueRealised).toMatchObject({ current: 7, currentSource: 'company property days_to_close', level: 'partial', percent: 50, targetDate: '2027-03-31' });
  });

  it('when the current value comes from the usage API, then the latest point up to now counts', () => {
    const usage = [
      { date: daysAgo(20), metric: 'reports_sent', value: 30 },
      { date: daysAgo(2), metric: 'reports_sent', value: 90 },
      { date: daysAgo(-5), metric: 'reports_sent', value: 500 },
      { date: daysAgo(1), metric: 'active_users', value: 12 },
    ];
    const card = scoreCompany(aSnapshot({ usage, desiredOutcome: outcome({ source: { kind: 'usage', metric: 'reports_sent' }, baseline: 0, target: 100 }) }), defaultScoringConfig, NOW);
    expect(card.valueRealised).toMatchObject({ current: 90, level: 'partial', percent: 90 });
  });

  it('when the property is empty or not a number, then the current value is unknown and so is the level', () => {
    const card = scoreCompany(aSnapshot({ company: { properties: { ...aSnapshot().company.properties, days_to_close: 'soon' } }, desiredOutcome: outcome() }), defaultScoringConfig, NOW);
    expect(card.valueRealised).toMatchObject({ current: null, level: null, percent: null });
  });

  it('when no desired outcome is set, or it was set after the moment scored, then the card has none', () => {
    expect(scoreCompany(aSnapshot(), defaultScoringConfig, NOW).valueRealised).toBeNull();
    expect(scoreCompany(aSnapshot({ desiredOutcome: outcome({ setAt: daysAgo(-1) }) }), defaultScoringConfig, NOW).valueRealised).toBeNull();
  });
});

describe('where the current value may come from', () => {
  it("when an admin lists one of Waypoint's own properties as a value source, then the config is refused: Waypoint would read back what it writes", () => {
    const result = parseScoringConfig({ ...defaultScoringConfig, outcomes: { currentValueProperties: ['days_to_close', 'waypoint_health_score'] } });
    expect(result.ok ? [] : result.error).toEqual([{ path: 'outcomes.currentValueProperties.1', message: "must not be one of Waypoint's own waypoint_ properties" }]);
  });
});

describe('the desired outcome at its edges', () => {
  const withProperty = (value: string | null) => scoreCompany(aSnapshot({ company: { properties: { ...aSnapshot().company.properties, days_to_close: value } }, desiredOutcome: outcome() }), defaultScoringConfig, NOW).valueRealised;

  it('when the property holds the number with spaces around it, then it is read; blank or missing, it is unknown', () => {
    expect(withProperty(' 7 ')).toMatchObject({ current: 7, percent: 50 });
    expect(withProperty('   ')).toMatchObject({ current: null, level: null });
    expect(withProperty(null)).toMatchObject({ current: null, level: null });
  });

  it('when the target equals the baseline, then there is no way to measure progress and the level is unknown', () => {
    expect(valueRealised(10, 10, 10)).toBeNull();
    expect(valueRealised(10, 50, Number.NaN)).toBeNull();
  });

  it('when two usage points share the latest date, then the one listed last counts; a point dated exactly now counts', () => {
    const usage = [{ date: daysAgo(2), metric: 'reports_sent', value: 40 }, { date: daysAgo(2), metric: 'reports_sent', value: 60 }, { date: daysAgo(0), metric: 'other', value: 99 }];
    const source = { kind: 'usage' as const, metric: 'reports_sent' };
    expect(scoreCompany(aSnapshot({ usage, desiredOutcome: outcome({ source, baseline: 0, target: 100 }) }), defaultScoringConfig, NOW).valueRealised)
      .toMatchObject({ current: 60, currentSource: 'usage metric reports_sent' });
    const now = [...usage, { date: daysAgo(0), metric: 'reports_sent', value: 80 }];
    expect(scoreCompany(aSnapshot({ usage: now, desiredOutcome: outcome({ source, baseline: 0, target: 100 }) }), defaultScoringConfig, NOW).valueRealised?.current).toBe(80);
    expect(scoreCompany(aSnapshot({ desiredOutcome: outcome({ source, baseline: 0, target: 100 }) }), defaultScoringConfig, NOW).valueRealised?.current).toBeNull();
  });

  it('when the outcome was agreed at this very moment, then the card shows it', () => {
    expect(scoreCompany(aSnapshot({ desiredOutcome: outcome({ setAt: daysAgo(0) }) }), defaultScoringConfig, NOW).valueRealised).not.toBeNull();
  });
});
