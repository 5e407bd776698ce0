import { describe, expect, it } from 'vitest';
import { generatePortal } from '../../emulator/generator/index.ts';
import type { Size } from '../../emulator/generator/index.ts';
import { cohorts } from '../../src/scoring/config.schema.ts';
import type { Cohort } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { isCustomer } from '../../src/scoring/fit.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { snapshotFromPortal } from './support/emulator-snapshots.ts';

// Size M (5,000 companies per seed) is the acceptance measure; it is slow for the unit suite, so the default run
// uses S and `WAYPOINT_ARCHETYPE_SIZE=M npx vitest run tests/scoring/archetype-accuracy.test.ts` runs the full one.
const size = (process.env.WAYPOINT_ARCHETYPE_SIZE ?? 'S') as Size;
const seeds = [1, 2, 3, 4, 5];

type Tally = { matrix: Record<Cohort, Record<Cohort, number>>; agree: number; total: number; churn: { agree: number; total: number }; fit: { agree: number; total: number }; customerFilterMismatches: number };

const emptyMatrix = () => Object.fromEntries(cohorts.map((e) => [e, Object.fromEntries(cohorts.map((c) => [c, 0]))])) as Tally['matrix'];

const scorePortal = (seed: number, tally: Tally) => {
  const portal = generatePortal({ size, seed });
  const now = new Date(portal.now);
  portal.companies.forEach((company, index) => {
    const truth = portal.truth.get(company.id)!;
    if (isCustomer(company.properties, defaultScoringConfig) !== truth.customer) tally.customerFilterMismatches += 1;
    if (!truth.customer) return;
    const card = scoreCompany(snapshotFromPortal(portal, index, defaultScoringConfig), defaultScoringConfig, now);
    tally.fit.total += 1;
    if (card.fit.value === truth.expectedFit) tally.fit.agree += 1;
    if (truth.churn !== null) {
      tally.churn.total += 1;
      if (card.churn?.avoidable === truth.churn.avoidable && card.churn.expected === truth.churn.expected) tally.churn.agree += 1;
      return;
    }
    if (truth.expectedCohort === null) return;
    tally.matrix[truth.expectedCohort][card.cohort] += 1;
    tally.total += 1;
    if (truth.expectedCohort === card.cohort) tally.agree += 1;
  });
};

const render = (tally: Tally): string => {
  const pad = (s: string | number) => String(s).padStart(9);
  const rows = cohorts.map((expected) => `${expected.padEnd(10)}${cohorts.map((c) => pad(tally.matrix[expected][c])).join('')}`);
  return ['expected \\ computed', `${''.padEnd(10)}${cohorts.map(pad).join('')}`, ...rows].join('\n');
};

describe(`archetype accuracy on emulator portals (size ${size}, seeds ${seeds.join(', ')})`, () => {
  it('when every non-churned customer is scored with the default config, then at least 95% land in the expected cohort', () => {
    const tally: Tally = { matrix: emptyMatrix(), agree: 0, total: 0, churn: { agree: 0, total: 0 }, fit: { agree: 0, total: 0 }, customerFilterMismatches: 0 };
    for (const seed of seeds) scorePortal(seed, tally);
    const accuracy = tally.agree / tally.total;
    console.log([
      `cohort agreement: ${tally.agree}/${tally.total} = ${(accuracy * 100).toFixed(2)}%`,
      render(tally),
      `fit agreement (all customers, churned included): ${tally.fit.agree}/${tally.fit.total}`,
      `churn classification (avoidable and expected both right): ${tally.churn.agree}/${tally.churn.total}`,
    ].join('\n'));
    expect(tally.customerFilterMismatches).toBe(0);
    expect(tally.total).toBeGreaterThan(0);
    expect(tally.fit.agree).toBe(tally.fit.total);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
