import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCardSchema } from '../../src/scoring/score-card.schema.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { companySnapshotSchema } from '../../src/scoring/snapshot.schema.ts';
import { engagementArb, snapshotArb } from './support/arbitraries.ts';
import { NOW, componentOf } from './support/snapshot.ts';

const runs = { numRuns: 300, seed: 20261101 };

describe('scoring invariants (property-based)', () => {
  it('when any valid snapshot is scored, then every score stays within 0-100 and the card matches its schema', () => {
    fc.assert(fc.property(snapshotArb, (snapshot) => {
      expect(companySnapshotSchema.safeParse(snapshot).success).toBe(true);
      const card = scoreCompany(snapshot, defaultScoringConfig, NOW);
      expect(scoreCardSchema.parse(card)).toEqual(card);
      for (const c of card.health.components) {
        if (c.value !== null) expect(c.value).toBeGreaterThanOrEqual(0);
        if (c.value !== null) expect(c.value).toBeLessThanOrEqual(100);
      }
      expect(card.priority).toBeGreaterThanOrEqual(0);
    }), runs);
  });

  it('when components are missing, then the weights of the present ones still add up to 1', () => {
    fc.assert(fc.property(snapshotArb, (snapshot) => {
      const { components } = scoreCompany(snapshot, defaultScoringConfig, NOW).health;
      const present = components.filter((c) => !c.missing);
      expect(present.length).toBeGreaterThan(0);
      expect(present.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 3);
      expect(components.filter((c) => c.missing).every((c) => c.weight === 0)).toBe(true);
    }), runs);
  });

  it('when one more inbound touch is logged, then the engagement component never goes down', () => {
    const inbound = engagementArb.map((e) => ({ ...e, kind: 'email' as const, direction: 'inbound' as const }));
    fc.assert(fc.property(snapshotArb, inbound, (snapshot, extra) => {
      const before = componentOf(scoreCompany(snapshot, defaultScoringConfig, NOW), 'engagement');
      const after = componentOf(scoreCompany({ ...snapshot, engagements: [...snapshot.engagements, extra] }, defaultScoringConfig, NOW), 'engagement');
      if (before.value !== null) expect(after.value!).toBeGreaterThanOrEqual(before.value);
    }), runs);
  });

  it('when the same snapshot is scored twice, even from a deep copy, then the output is byte-identical', () => {
    fc.assert(fc.property(snapshotArb, (snapshot) => {
      const first = JSON.stringify(scoreCompany(snapshot, defaultScoringConfig, NOW));
      const second = JSON.stringify(scoreCompany(structuredClone(snapshot), structuredClone(defaultScoringConfig), new Date(NOW.getTime())));
      expect(second).toBe(first);
    }), runs);
  });

  it('when a snapshot is scored, then the snapshot itself is left untouched', () => {
    fc.assert(fc.property(snapshotArb, (snapshot) => {
      const copy = structuredClone(snapshot);
      scoreCompany(snapshot, defaultScoringConfig, NOW);
      expect(snapshot).toEqual(copy);
    }), { ...runs, numRuns: 100 });
  });
});
