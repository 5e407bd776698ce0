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

const inRange = (value: number | null, range: NumberBound): boolean => Object.is(bounded(value, range), value);

/** The snapshot with every number inside its range; usage points without a finite value are dropped. */
export const boundSnapshot = (snapshot: CompanySnapshot): CompanySnapshot => {
  const { company } = snapshot;
  const arr = bounded(company.arr, b.arr);
  const seats = bounded(company.seats, b.seats);
  const activeUsers30d = bounded(company.activeUsers30d, b.activeUsers30d);
  const keyFeaturesUsed = bounded(company.keyFeaturesUsed, b.keyFeaturesUsed);
  const inBounds = Object.is(arr, company.arr) && Object.is(seats, company.seats) && Object.is(activeUsers30d, company.activeUsers30d)
    && Object.is(keyFeaturesUsed, company.keyFeaturesUsed);
  return {
    ...snapshot,
    company: inBounds ? company : { ...company, arr, seats, activeUsers30d, keyFeaturesUsed },
    deals: snapshot.deals.every((d) => inRange(d.amount, b.dealAmount)) ? snapshot.deals
      : snapshot.deals.map((d) => (inRange(d.amount, b.dealAmount) ? d : { ...d, amount: bounded(d.amount, b.dealAmount) })),
    feedback: boundedValues(snapshot.feedback, b.feedbackValue),
    usage: boundedValues(snapshot.usage, b.usageValue),
  };
};

/**
 * Items whose value is outside the range are copied with the value clamped, and those without a finite value are
 * dropped; a list already in bounds (nearly every one) is kept as it is, so it costs no copies.
 */
const boundedValues = <T extends { value: number }>(items: T[], range: NumberBound): T[] => {
  let inBounds = 0;
  while (inBounds < items.length && inRange(items[inBounds]!.value, range)) inBounds++;
  if (inBounds === items.length) return items;
  const out: T[] = [];
  for (const item of items) {
    const value = bounded(item.value, range);
    if (value === null) continue;
    out.push(Object.is(value, item.value) ? item : { ...item, value });
  }
  return out;
};
