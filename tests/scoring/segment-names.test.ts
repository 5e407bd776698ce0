import { describe, expect, it } from 'vitest';
import { parseScoringConfig, type ScoringConfig } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail, outboundEmail } from './support/snapshot.ts';

/** The default config with its three segments renamed, as an admin's JSON would arrive (JSON.parse keeps __proto__ a key). */
// `unset` names a segment left out of every per-segment record, so its lookups must fall back to the defaults.
const renamedJson = (names: [string, string, string], unset?: number): unknown => {
  const rename = (key: string) => names[['small', 'mid', 'large'].indexOf(key)] ?? key;
  const perSegment = <V>(values: [V, V, V]) => Object.fromEntries(names.flatMap((n, i) => (i === unset ? [] : [[n, values[i]]])));
  const json = JSON.stringify({
    ...defaultScoringConfig,
    segments: defaultScoringConfig.segments.map((s) => ({ ...s, key: rename(s.key) })),
    dark: { defaultDays: 10, bySegment: perSegment([200, 7, 90]) },
    health: {
      ...defaultScoringConfig.health,
      weightsBySegment: perSegment([{}, {}, { cadence: 0.3 }]),
      components: {
        ...defaultScoringConfig.health.components,
        cadence: { ...defaultScoringConfig.health.components.cadence, expectedTouchesBySegment: perSegment([0, 4, 6]) },
      },
    },
  });
  return JSON.parse(json);
};

const renamed = (names: [string, string, string], unset?: number): ScoringConfig => {
  const parsed = parseScoringConfig(renamedJson(names, unset));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
};

const companies = [5_000, 50_000, 500_000].map((arr, i) => aSnapshot({
  company: { id: String(i), arr },
  engagements: [inboundEmail(20), outboundEmail(10), outboundEmail(40)],
  contacts: [{ id: 'k', jobTitle: 'CEO', leftCompany: false, createdAt: daysAgo(300), updatedAt: daysAgo(300) }],
}));

// What the segment's settings decide; wording that names the segment is left out.
const cardsUnder = (config: ScoringConfig) => companies.map((c) => {
  const card = scoreCompany(c, config, NOW);
  return {
    health: card.health.score, components: card.health.components.map((k) => [k.key, k.value, k.weight]),
    goneDark: card.goneDark, cohort: card.cohort, priority: card.priority,
  };
});

describe('segment names that are also Object.prototype names', () => {
  it('when segments are named constructor, then dark window, cadence and weights read their configured values like any other name', () => {
    const names: [string, string, string] = ['tiny', 'middle', 'big'];
    for (const unset of [undefined, 0, 1, 2]) {
      const ordinary = cardsUnder(renamed(names, unset));
      for (const position of [0, 1, 2]) {
        const hostile = names.map((n, i) => (i === position ? 'constructor' : n)) as [string, string, string];
        expect(cardsUnder(renamed(hostile, unset)), `constructor at ${position}, unset ${unset}`).toEqual(ordinary);
      }
    }
    // The middle segment's 7-day window applies, and the 10-day default where it is unset: real values were read.
    expect(cardsUnder(renamed(names)).map((c) => c.goneDark.dark)).toEqual([false, true, false]);
    expect(cardsUnder(renamed(names, 0)).map((c) => c.goneDark.dark)).toEqual([true, true, false]);
  });

  it('when segments are named toString or __proto__, then the config is refused naming the segment', () => {
    const parsed = parseScoringConfig(renamedJson(['tiny', 'toString', '__proto__']));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((i) => i.path)).toEqual(expect.arrayContaining(['segments.1.key', 'segments.2.key']));
  });
});
