import { describe, expect, it } from 'vitest';
import { formatGrowthTable } from '../../bench/lib/growth-table.ts';
import { planRuns } from '../../bench/plan.ts';

describe('the bench\'s sync growth table', () => {
  it('when sync figures of several sizes are in the results, then one row per size shows seconds, peak RSS and utilization on each store', () => {
    const table = formatGrowthTable({
      'sync.S.seconds': 2.6, 'sync.S.peakRssMb': 224.6, 'sync.S.rateUtilization': 0.34,
      'sync.L.seconds': 180.2, 'sync.L.peakRssMb': 438, 'sync.L.rateUtilization': 0.3,
      'sync.L.postgres.seconds': 90.5, 'sync.L.postgres.peakRssMb': 310, 'sync.L.postgres.rateUtilization': 0.6,
      'card.p50RatioToFloor': 1.4,
    });
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]?.split(/\s+/)).toEqual(['S', '200', '2.6', '224.6', '0.34', '-', '-', '-']);
    expect(lines[3]?.split(/\s+/)).toEqual(['L', '20000', '180.2', '438', '0.3', '90.5', '310', '0.6']);
  });

  it('when no sync was measured, then there is no table', () => {
    expect(formatGrowthTable({ 'card.p50RatioToFloor': 1.4 })).toBe('');
  });

  it('when the full bench is planned, then it syncs every size from S to XL, and the quick one S and M', () => {
    const syncLabels = (quick: boolean) => planRuns({ quick, extraSizes: [], only: 'sync' }).map((run) => run.label);
    expect(syncLabels(false)).toEqual(['sync S', 'sync M', 'sync L', 'sync XL']);
    expect(syncLabels(true)).toEqual(['sync S', 'sync M']);
  });
});
