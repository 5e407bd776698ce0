import type { UsagePoint } from '../scoring/snapshot.schema.ts';
import { DAY_MS } from '../scoring/time.ts';

/** Expands a daily series as the usage API serves it ({ startDate, values[] }) into the snapshot's dated points. */
export const usagePointsFromDailySeries = (series: { metric: string; startDate: string; values: readonly number[] }): UsagePoint[] => {
  const start = Date.parse(`${series.startDate.slice(0, 10)}T00:00:00.000Z`);
  if (Number.isNaN(start)) return [];
  return series.values.map((value, day) => ({ date: new Date(start + day * DAY_MS).toISOString(), metric: series.metric, value }));
};
