import { describe, expect, it } from 'vitest';
import { monthlyCutoffs, runBacktest } from '../../src/backtest/backtest.ts';
import { backtestLines } from '../../src/backtest/format.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import { NOW, aSnapshot, daysAgo, inboundEmail, meeting, usageLine } from '../scoring/support/snapshot.ts';

const started = (days: number, id: string, extra: Parameters<typeof aSnapshot>[0] = {}) =>
  aSnapshot({ ...extra, company: { id, contractStartDate: daysAgo(days), createdAt: daysAgo(days), ...extra.company } });

describe('backtest cutoffs', () => {
  it('when the horizon is 90 days, then the newest cutoff is the first of the month 90 days back and they go monthly to the earliest start', () => {
    expect(monthlyCutoffs(NOW, 90, new Date('2026-05-15T00:00:00Z')).map((d) => d.toISOString().slice(0, 10)))
      .toEqual(['2026-08-01', '2026-07-01', '2026-06-01']);
  });

  it('when the portal is older than two years, then the cutoffs stop at 24', () => {
    expect(monthlyCutoffs(NOW, 180, new Date('2015-01-01T00:00:00Z'))).toHaveLength(24);
  });
});

describe('backtest over a portal', () => {
  // NOW is 2026-11-01; the churner left on 2026-09-02, inside the 90 days after the August and July cutoffs only.
  const portal = [
    started(250, 'steady', { engagements: [meeting(200), inboundEmail(150), meeting(130)], usage: usageLine(80, 85, 250) }),
    started(250, 'churner', { company: { churnedAt: daysAgo(60), churnReason: 'competitor' }, usage: usageLine(80, 5, 250) }),
    started(100, 'newcomer'),
  ];
  const report = runBacktest(portal, defaultScoringConfig, NOW, 90);

  it('when customers start and leave at different times, then each cutoff samples only those on the books and labels churn within the horizon', () => {
    expect(report.cutoffs).toEqual(['2026-08-01', '2026-07-01', '2026-06-01', '2026-05-01', '2026-04-01', '2026-03-01']);
    expect(report.overall.observations).toBe(6 + 6 + 1);
    expect(report.overall.churned).toBe(2);
    expect(report.failed).toBe(0);
  });

  it('when the report is printed, then it names the horizon, the cutoffs and the figures', () => {
    const lines = backtestLines(report);
    expect(lines[0]).toBe('backtest, churn within 90 days, 6 monthly cutoffs 2026-03-01 .. 2026-08-01');
    expect(lines[1]).toMatch(/^all: 13 customer-cutoffs, 2 churned; health AUC \d\.\d{3}, churned while green/);
    expect(lines[1]).toMatch(/within the horizon churned 15\.4%, contracted 0\.0%, renewed 0\.0%, expanded 0\.0%$/);
  });

  it('when a company is not a customer, then no cutoff samples it', () => {
    const prospect = started(250, 'prospect', { company: { properties: { lifecyclestage: 'lead' }, lifecycleStage: 'lead' } });
    expect(runBacktest([...portal, prospect], defaultScoringConfig, NOW, 90).overall.observations).toBe(13);
  });

  it('when no cutoff has a full horizon behind it, then the report says there is nothing to judge', () => {
    const young = runBacktest([started(30, 'young')], defaultScoringConfig, NOW, 180);
    expect(backtestLines(young)).toEqual(['no cutoff has a full 180-day horizon behind it yet: nothing to judge']);
  });
});
