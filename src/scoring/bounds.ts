import type { CompanySnapshot } from './snapshot.schema.ts';

/**
 * The range each number the engine reads may take (docs/bounds.md). Far beyond any real customer, close enough that
 * sums, means and products over a year of daily points stay finite. Every boundary that accepts these numbers (usage
 * API, snapshot files) refuses values outside; the engine clamps whatever still arrives, so no input can make it
 * emit NaN or Infinity.
 */
export const numberBounds = {
  /** Annual recurring revenue in the portal's currency. */
  arr: { min: 0, max: 1e12 },
  seats: { min: 0, max: 1e7 },
  activeUsers30d: { min: 0, max: 1e9 },
  keyFeaturesUsed: { min: 0, max: 1e4 },
  /** Deal amounts; contractions may be negative. */
  dealAmount: { min: -1e12, max: 1e12 },
  /** Survey answers: NPS 0-10, CSAT 1-5, CES 1-7. */
  feedbackValue: { min: 0, max: 10 },
  /** One day's value of one usage metric (a count: users, invoices, API calls). */
  usageValue: { min: 0, max: 1e9 },
} as const;

export type NumberBound = { readonly min: number; readonly max: number };

/** Clamped into the range; NaN and infinities are not a measurement, so they read as absent. */
export const bounded = (value: number | null, range: NumberBound): number | null =>
  value === null || !Number.isFinite(value) ? null : Math.min(range.max, Math.max(range.min, value));

const b = numberBounds;

/** The snapshot with every number inside its range; usage points without a finite value are dropped. */
export const boundSnapshot = (snapshot: CompanySnapshot): CompanySnapshot => ({
  ...snapshot,
  company: {
    ...snapshot.company,
    arr: bounded(snapshot.company.arr, b.arr),
    seats: bounded(snapshot.company.seats, b.seats),
    activeUsers30d: bounded(snapshot.company.activeUsers30d, b.activeUsers30d),
    keyFeaturesUsed: bounded(snapshot.company.keyFeaturesUsed, b.keyFeaturesUsed),
  },
  deals: snapshot.deals.map((d) => ({ ...d, amount: bounded(d.amount, b.dealAmount) })),
  feedback: snapshot.feedback.flatMap((f) => {
    const value = bounded(f.value, b.feedbackValue);
    return value === null ? [] : [{ ...f, value }];
  }),
  usage: snapshot.usage.flatMap((p) => {
    const value = bounded(p.value, b.usageValue);
    return value === null ? [] : [{ ...p, value }];
  }),
});
