import { describe, expect, it } from 'vitest';
import { parseScoringConfig, type ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { NOW, aSnapshot } from './support/snapshot.ts';

const configWith = (segmentBy: unknown): ScoringConfig => {
  const parsed = parseScoringConfig({ ...defaultScoringConfig, segmentBy });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
};

const byTier = { property: 'customer_tier', valuesBySegment: { small: ['self_serve'], mid: ['standard', 'growth'], large: ['enterprise'] } };
const segmentOf = (config: ScoringConfig, arr: number | null, tier: string | null) =>
  scoreCompany(aSnapshot({ company: { id: '1', arr, properties: { customer_tier: tier } } }), config, NOW).segment;

describe('segments by an enumeration property', () => {
  it('when the config names no segment property, then ARR bands choose the segment as before', () => {
    expect(parseScoringConfig(defaultScoringConfig).ok && defaultScoringConfig.segmentBy.property).toBe(null);
    expect([5_000, 50_000, 500_000].map((arr) => segmentOf(defaultScoringConfig, arr, 'enterprise'))).toEqual(['small', 'mid', 'large']);
  });

  it('when segments are by customer tier, then the tier decides whatever the ARR', () => {
    const config = configWith(byTier);
    expect(segmentOf(config, 500_000, 'self_serve')).toBe('small');
    expect(segmentOf(config, 5_000, 'growth')).toBe('mid');
    expect(segmentOf(config, 5_000, 'enterprise')).toBe('large');
  });

  it('when a company has no tier or one no segment lists, then it falls in the last segment', () => {
    const config = configWith(byTier);
    expect(segmentOf(config, 5_000, null)).toBe('large');
    expect(segmentOf(config, 5_000, 'legacy')).toBe('large');
  });

  it('when the values name an unknown segment or list nothing, then the config is refused with the path', () => {
    const parsed = parseScoringConfig({ ...defaultScoringConfig, segmentBy: { property: 'customer_tier', valuesBySegment: { huge: ['x'], mid: [] } } });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((i) => i.path)).toEqual(expect.arrayContaining(['segmentBy.valuesBySegment.mid', 'segmentBy.valuesBySegment.huge']));
  });
});
