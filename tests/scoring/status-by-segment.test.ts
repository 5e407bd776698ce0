import { describe, expect, it } from 'vitest';
import { overlayConfig } from '../../src/scoring/config-overlay.ts';
import { parseScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { statusFor } from '../../src/scoring/health/score-health.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { NOW, aSnapshot, inboundEmail, meeting, usageLine } from './support/snapshot.ts';

const withBands = (statusBySegment: unknown) => parseScoringConfig(overlayConfig(defaultScoringConfig, { health: { statusBySegment } }));

describe('status bands of a segment of its own', () => {
  const parsed = withBands({ large: { green: 85, yellow: 60 } });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const config = parsed.value;

  it('when a large customer scores 75, then it is yellow by its segment\'s bands while a mid one with 75 stays green', () => {
    expect([statusFor(75, config, 'large'), statusFor(75, config, 'mid'), statusFor(75, config)]).toEqual(['yellow', 'green', 'green']);
  });

  it('when a company is scored, then its card\'s status follows its segment\'s bands', () => {
    // ARR 50,000 is mid by the default segments, 500,000 large; both score about 80 on these touches and usage.
    const snapshot = (arr: number) => aSnapshot({ company: { arr }, engagements: [meeting(5), inboundEmail(3), inboundEmail(10), meeting(20)], usage: usageLine(60, 70, 120) });
    const large = scoreCompany(snapshot(500_000), config, NOW);
    expect([large.segment, large.health.score]).toEqual(['large', 79]);
    expect(large.health.status).toBe('yellow');
    expect(scoreCompany(snapshot(500_000), defaultScoringConfig, NOW).health.status).toBe('green');
    expect(scoreCompany(snapshot(50_000), config, NOW).health.status).toBe('green');
  });

  it('when bands name a segment the config does not define, or put yellow above green, then the config is refused at that path', () => {
    const unknown = withBands({ enterprise: { green: 80, yellow: 50 } });
    const inverted = withBands({ large: { green: 50, yellow: 60 } });
    expect(unknown.ok ? [] : unknown.error.map((i) => i.path)).toContain('health.statusBySegment.enterprise');
    expect(inverted.ok ? [] : inverted.error.map((i) => i.path)).toContain('health.statusBySegment.large.yellow');
  });
});
