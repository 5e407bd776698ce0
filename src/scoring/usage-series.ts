import type { CompanySnapshot } from './snapshot.schema.ts';
import { DAY_MS } from './time.ts';

/**
 * One usage metric's points, oldest first, as the first `length` entries of two parallel lists. A company has about
 * 160 daily points, read once per company: numbers in two lists cost the collector nothing per point, where an
 * object per point was a good part of its work. A series cut at an earlier moment shares the lists.
 */
export type UsageSeries = { readonly at: readonly number[]; readonly value: readonly number[]; readonly length: number };

export const noUsage: UsageSeries = { at: [], value: [], length: 0 };

/** Ordered by time, equal times in their given order (as a stable sort of the points would leave them). */
const inTimeOrder = (at: number[], value: number[]): UsageSeries => {
  const order = at.map((_, i) => i).sort((a, b) => at[a]! - at[b]!);
  return { at: order.map((i) => at[i]!), value: order.map((i) => value[i]!), length: order.length };
};

/**
 * A stock portal's usage: one metric, every point dated, in day order. Its times are then the list already read, and
 * only the values are copied out (no list grown point by point); null for any other usage.
 */
const oneMetricInOrder = (points: CompanySnapshot['usage'], times: readonly number[]): Map<string, UsageSeries> | null => {
  if (points.length === 0) return null;
  const metric = points[0]!.metric;
  let previous = -Infinity;
  for (let i = 0; i < points.length; i++) {
    const at = times[i]!;
    // NaN fails the comparison too: an undated point is left out, which this shortcut does not do.
    if (!(at >= previous) || points[i]!.metric !== metric) return null;
    previous = at;
  }
  const value = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) value[i] = points[i]!.value;
  return new Map([[metric, { at: times, value, length: points.length }]]);
};

/** Each metric's dated points, given each point's time (NaN when undated: left out). */
export const usageByMetric = (points: CompanySnapshot['usage'], times: readonly number[]): Map<string, UsageSeries> => {
  const single = oneMetricInOrder(points, times);
  if (single !== null) return single;
  type Lists = { at: number[]; value: number[] };
  const lists = new Map<string, Lists>();
  const listOf = (name: string): Lists => {
    const known = lists.get(name);
    if (known !== undefined) return known;
    const created: Lists = { at: [], value: [] };
    lists.set(name, created);
    return created;
  };
  let ordered = true;
  // The store hands a company's usage metric by metric, so the previous point's list is nearly always this one's.
  let metric: string | null = null;
  let list: Lists = { at: [], value: [] };
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const at = times[i]!;
    if (Number.isNaN(at)) continue;
    if (p.metric !== metric) {
      metric = p.metric;
      list = listOf(metric);
    }
    const last = list.at.length - 1;
    ordered &&= last < 0 || list.at[last]! <= at;
    list.at.push(at);
    list.value.push(p.value);
  }
  // The store hands usage over in day order; sorting only when it is not.
  const series = new Map<string, UsageSeries>();
  for (const [name, { at, value }] of lists) series.set(name, ordered ? { at, value, length: at.length } : inTimeOrder(at, value));
  return series;
};

/** The series' points dated no later than `at`: the series itself when that is all of them. */
export const usageUpTo = (series: UsageSeries, at: number): UsageSeries => {
  let low = 0;
  let high = series.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (series.at[mid]! <= at) low = mid + 1;
    else high = mid;
  }
  return low === series.length ? series : { at: series.at, value: series.value, length: low };
};

/** The time of the earliest point whose value passes `test`, else null. */
export const firstAt = (series: UsageSeries, test: (value: number) => boolean): number | null => {
  for (let i = 0; i < series.length; i++) if (test(series.value[i]!)) return series.at[i]!;
  return null;
};

/** The time of the latest point whose value passes `test`, else null. */
export const lastAt = (series: UsageSeries, test: (value: number) => boolean): number | null => {
  for (let i = series.length - 1; i >= 0; i--) if (test(series.value[i]!)) return series.at[i]!;
  return null;
};

/**
 * Relative change across the points from `fromMs` on, from a least-squares line; null without two points a week
 * apart. Sums in the same order as a plain filter-map-reduce would, so the figures are the same to the last bit.
 */
export const relativeChange = (series: UsageSeries, fromMs: number): number | null => {
  const { at, value, length } = series;
  let from = 0;
  while (from < length && at[from]! < fromMs) from++;
  const count = length - from;
  if (count < 2) return null;
  const first = at[from]!;
  const last = at[length - 1]!;
  if (last - first < 7 * DAY_MS) return null;
  let sumX = 0;
  let sumY = 0;
  for (let i = from; i < length; i++) {
    sumX += (at[i]! - first) / DAY_MS;
    sumY += value[i]!;
  }
  const meanX = sumX / count;
  const meanY = sumY / count;
  let num = 0;
  let den = 0;
  for (let i = from; i < length; i++) {
    const dx = (at[i]! - first) / DAY_MS - meanX;
    num += dx * (value[i]! - meanY);
    den += dx ** 2;
  }
  const slope = num / den;
  const start = meanY - slope * meanX;
  const end = start + slope * ((last - first) / DAY_MS);
  // Rising from (almost) nothing would divide by ~0; one user is the smallest meaningful base.
  return Math.min(5, Math.max(-1, (end - start) / Math.max(Math.abs(start), 1)));
};
