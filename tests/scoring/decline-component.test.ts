import { describe, expect, it } from 'vitest';
import { coverageAccumulator, missingComponentHint } from '../../src/scoring/coverage.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { scoreCompany } from '../../src/scoring/score.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { NOW, aSnapshot, componentOf, daysAgo, deal, ticket } from './support/snapshot.ts';

const DAY = 86_400_000;
const decline = (snapshot: CompanySnapshot, now = NOW) => componentOf(scoreCompany(snapshot, defaultScoringConfig, now), 'decline');

/** Daily active users: `before` for the 60 days up to 30 days ago, then `latest` for the last 30 days. */
const usageStep = (before: number, latest: number): CompanySnapshot['usage'] =>
  Array.from({ length: 90 }, (_, i) => ({ date: daysAgo(89 - i), metric: 'active_users', value: 89 - i >= 30 ? before : latest }));

describe('the signs-of-decline health component', () => {
  it('when usage of the last 30 days fell 45% against the 60 days before, then it reads 0 and says so', () => {
    expect(decline(aSnapshot({ usage: usageStep(100, 55) }))).toMatchObject({
      value: 0, missing: false, detail: 'usage down 45% in the last 30 days against the 60 days before',
    });
  });

  it('when usage fell 15%, then it reads half way (a 30% fall reads 0)', () => {
    expect(decline(aSnapshot({ usage: usageStep(100, 85) })).value).toBe(50);
  });

  it('when a contraction was won 120 days ago, then it reads 0 and names the deal', () => {
    expect(decline(aSnapshot({ deals: [deal('newbusiness', 600, true, 40_000), deal('contraction', 120, true, 25_000)] }))).toMatchObject({
      value: 0, detail: 'contracted 120 days ago (dealtype contraction)',
    });
  });

  it('when a contraction is older than a year, then it is no longer a sign', () => {
    expect(decline(aSnapshot({ deals: [deal('newbusiness', 600, true, 40_000), deal('contraction', 400, true, 25_000)] }))).toMatchObject({
      value: null, missing: true, detail: 'no sign of decline',
    });
  });

  it('when two tickets were opened in the last 90 days (and one before), then it reads 50', () => {
    expect(decline(aSnapshot({ tickets: [ticket('LOW', 10, 8), ticket('MEDIUM', 80, 70), ticket('HIGH', 120, 100)] }))).toMatchObject({
      value: 50, detail: '2 tickets opened in the last 90 days',
    });
  });

  it('when usage fell 15% and a ticket was opened, then the worst sign decides and the detail names both', () => {
    expect(decline(aSnapshot({ usage: usageStep(100, 85), tickets: [ticket('LOW', 5)] }))).toMatchObject({
      value: 50, detail: 'usage down 15% in the last 30 days against the 60 days before; 1 ticket opened in the last 90 days',
    });
  });

  it('when usage holds or rises and nothing else happened, then there is no sign and health is judged on the rest alone', () => {
    const steady = aSnapshot({ usage: usageStep(50, 60) });
    const card = scoreCompany(steady, defaultScoringConfig, NOW);
    expect(componentOf(card, 'decline')).toMatchObject({ value: null, missing: true, weight: 0, detail: 'no sign of decline' });
    const withoutComponent = { ...defaultScoringConfig, health: { ...defaultScoringConfig.health, components: { ...defaultScoringConfig.health.components, decline: { ...defaultScoringConfig.health.components.decline, weight: 0 } } } };
    expect(card.health.score).toBe(scoreCompany(steady, withoutComponent, NOW).health.score);
  });

  it('when a sign appears, then health falls by the weighted share of the component', () => {
    const calm = scoreCompany(aSnapshot({ usage: usageStep(60, 60) }), defaultScoringConfig, NOW);
    const falling = scoreCompany(aSnapshot({ usage: usageStep(60, 33) }), defaultScoringConfig, NOW);
    expect(componentOf(falling, 'decline').weight).toBeGreaterThan(0);
    expect(falling.health.score).toBeLessThan(calm.health.score);
  });

  it('when tickets, deals and usage come after the scoring time, then they are not read', () => {
    const past = new Date(NOW.getTime() - 200 * DAY);
    const snapshot = aSnapshot({
      usage: usageStep(100, 20), tickets: [ticket('URGENT', 10)], deals: [deal('newbusiness', 600, true, 40_000), deal('contraction', 20, true, 25_000)],
    });
    expect(decline(snapshot, past)).toMatchObject({ value: null, missing: true, detail: 'no sign of decline' });
    expect(decline(aSnapshot({ tickets: [ticket('URGENT', 10)] }), past)).toMatchObject({ detail: 'no usage, deals or tickets to read' });
  });

  it('when the company has no usage, deals or tickets at all, then the component is missing for lack of data', () => {
    expect(decline(aSnapshot())).toMatchObject({ value: null, missing: true, detail: 'no usage, deals or tickets to read' });
  });

  it('when a customer shows no sign, then data coverage counts no gap for it and the card says there is no sign', () => {
    const steady = aSnapshot({ usage: usageStep(50, 50) });
    const empty = aSnapshot();
    const coverage = coverageAccumulator(defaultScoringConfig, NOW);
    for (const snapshot of [steady, empty]) coverage.add(snapshot, scoreCompany(snapshot, defaultScoringConfig, NOW));
    expect(coverage.report().components.find((c) => c.key === 'decline')).toMatchObject({
      missing: 1, reasons: [{ reason: 'no usage, deals or tickets to read', customers: 1 }],
    });
    expect(missingComponentHint('decline', 'no sign of decline')).toBe('no sign of decline');
  });
});
