import { describe, expect, it } from 'vitest';
import { scoringConfigSchema, type ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CsmSentimentInput } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail } from './support/snapshot.ts';

const concerned = (setDaysAgo: number): CsmSentimentInput => ({ value: 'concerned', note: 'Sponsor sounded unsure about renewal', setBy: 'Casey CSM', setAt: daysAgo(setDaysAgo) });

const withSentimentComponent = (overrides: Partial<ScoringConfig['health']['components']['csm_sentiment']> = {}): ScoringConfig => ({
  ...defaultScoringConfig,
  health: {
    ...defaultScoringConfig.health,
    components: { ...defaultScoringConfig.health.components, csm_sentiment: { ...defaultScoringConfig.health.components.csm_sentiment, enabled: true, ...overrides } },
  },
});

const score = (sentiment: CsmSentimentInput | null, config: ScoringConfig = defaultScoringConfig, now = NOW) =>
  scoreCompany(aSnapshot({ engagements: [inboundEmail(5)], csmSentiment: sentiment }), config, now);

describe('CSM sentiment on the card', () => {
  it('when the CSM set a sentiment 10 days ago, then the card carries it with who set it, when, and when it expires', () => {
    const card = score(concerned(10));
    expect(card.csmSentiment).toEqual({ ...concerned(10), expiresAt: daysAgo(10 - 90) });
  });

  it('when the sentiment is 90 days old, then it has expired and the card shows none', () => {
    expect(score(concerned(89)).csmSentiment?.value).toBe('concerned');
    expect(score(concerned(90)).csmSentiment).toBeNull();
  });

  it('when the same sentiment is scored at a later clock, then it expires by that clock, not by the wall clock', () => {
    const setAt = concerned(0);
    expect(score(setAt, defaultScoringConfig, new Date(NOW.getTime() + 30 * 86_400_000)).csmSentiment).not.toBeNull();
    expect(score(setAt, defaultScoringConfig, new Date(NOW.getTime() + 91 * 86_400_000)).csmSentiment).toBeNull();
  });

  it('when the portal sets the expiry to 30 days, then a 45-day-old sentiment no longer shows', () => {
    const config = { ...defaultScoringConfig, health: { ...defaultScoringConfig.health, components: { ...defaultScoringConfig.health.components, csm_sentiment: { ...defaultScoringConfig.health.components.csm_sentiment, expiresAfterDays: 30 } } } };
    expect(score(concerned(45), config).csmSentiment).toBeNull();
    expect(score(concerned(20), config).csmSentiment?.expiresAt).toBe(daysAgo(20 - 30));
  });

  it('when a sentiment is dated after the moment scored (an as-of run in the past), then it is not there yet', () => {
    expect(score(concerned(-3)).csmSentiment).toBeNull();
  });
});

describe('CSM sentiment as a health component', () => {
  it('when the config leaves it off (the default), then an at-risk sentiment moves neither the score nor the component list', () => {
    const without = score(null);
    const atRisk = score({ ...concerned(5), value: 'at_risk' });
    expect(atRisk.health.score).toBe(without.health.score);
    expect(atRisk.health.components.map((c) => c.key)).not.toContain('csm_sentiment');
    expect(atRisk.csmSentiment?.value).toBe('at_risk');
  });

  it('when the config turns it on, then at risk pulls health down and positive lifts it, with the CSM named in the detail', () => {
    const config = withSentimentComponent();
    const atRisk = score({ ...concerned(5), value: 'at_risk' }, config);
    const positive = score({ ...concerned(5), value: 'positive' }, config);
    expect(positive.health.score).toBeGreaterThan(atRisk.health.score);
    const component = atRisk.health.components.find((c) => c.key === 'csm_sentiment');
    expect(component).toMatchObject({ value: 0, missing: false, detail: 'At risk, set by Casey CSM 5 days ago' });
  });

  it('when it is on but the sentiment expired, then the component is missing and its weight goes to the others', () => {
    const card = score(concerned(120), withSentimentComponent());
    expect(card.health.components.find((c) => c.key === 'csm_sentiment')).toMatchObject({ missing: true, weight: 0, detail: 'the CSM sentiment has expired' });
    expect(card.health.score).toBe(score(null).health.score);
  });

  it('when a stored config has no CSM sentiment settings, then it parses with the component off and a 90-day expiry', () => {
    const { csm_sentiment: _omitted, ...components } = defaultScoringConfig.health.components;
    const parsed = scoringConfigSchema.parse({ ...defaultScoringConfig, health: { ...defaultScoringConfig.health, components } });
    expect(parsed.health.components.csm_sentiment).toEqual({ weight: 0.1, enabled: false, expiresAfterDays: 90 });
  });
});

describe('CSM sentiment at its edges', () => {
  it('when the CSM set it at this very moment, then it is on the card; with an unreadable date, it is not', () => {
    expect(score(concerned(0)).csmSentiment).toMatchObject({ value: 'concerned' });
    expect(score({ ...concerned(0), setAt: 'yesterday' }).csmSentiment).toBeNull();
  });

  it('when the component is on and no sentiment was ever set, then the card says none is set', () => {
    const component = score(null, withSentimentComponent()).health.components.find((c) => c.key === 'csm_sentiment');
    expect(component).toMatchObject({ missing: true, detail: 'no CSM sentiment set' });
  });
});
