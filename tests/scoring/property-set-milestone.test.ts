import { describe, expect, it } from 'vitest';
import { parseScoringConfig, type ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { NOW, aSnapshot, daysAgo } from './support/snapshot.ts';

const withGoLive = (condition: Record<string, unknown>): ScoringConfig => {
  const parsed = parseScoringConfig({
    ...defaultScoringConfig,
    milestones: { ...defaultScoringConfig.milestones, items: [{ key: 'go_live', label: 'Live in production', kind: 'functional', expectedDays: 30, condition }] },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
};

const goLive = (config: ScoringConfig, properties: Record<string, string | null>) =>
  scoreCompany(aSnapshot({ company: { contractStartDate: daysAgo(50), properties } }), config, NOW).milestones[0]!;

describe('a milestone reached when a company property is set', () => {
  it('when the go-live date property is filled in, then the milestone is done; when it is empty or blank, it is overdue', () => {
    const config = withGoLive({ type: 'property_set', property: 'go_live_date' });
    expect(goLive(config, { go_live_date: '2026-10-01' }).state).toBe('done');
    expect(goLive(config, { go_live_date: '  ' }).state).toBe('behind');
    expect(goLive(config, {}).state).toBe('behind');
  });

  it('when the condition asks for a value, then only that value (trimmed, any case) completes it', () => {
    const config = withGoLive({ type: 'property_set', property: 'onboarding_status', equals: 'complete' });
    expect(goLive(config, { onboarding_status: ' Complete ' }).state).toBe('done');
    expect(goLive(config, { onboarding_status: 'in_progress' }).state).toBe('behind');
  });

  it('when the property was set on an earlier card and is cleared since, then the milestone stays done from that day', () => {
    const config = withGoLive({ type: 'property_set', property: 'go_live_date' });
    const snapshot = aSnapshot({
      company: { contractStartDate: daysAgo(50), properties: { go_live_date: null } },
      previousCards: [{ scoredAt: daysAgo(10), healthScore: 70, status: 'green', cohort: 'neutral', components: [], milestonesDone: [{ key: 'go_live', doneAt: daysAgo(10) }] }],
    });
    expect(scoreCompany(snapshot, config, NOW).milestones[0]).toMatchObject({ state: 'done', doneAt: daysAgo(10) });
  });

  it('when the condition names no property, then the config is refused at that path', () => {
    const parsed = parseScoringConfig({
      ...defaultScoringConfig,
      milestones: { ...defaultScoringConfig.milestones, items: [{ key: 'go_live', label: 'Live', kind: 'functional', expectedDays: 30, condition: { type: 'property_set', property: '' } }] },
    });
    expect(!parsed.ok && parsed.error.map((i) => i.path)).toContain('milestones.items.0.condition.property');
  });
});
