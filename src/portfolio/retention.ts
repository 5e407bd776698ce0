import type { Cohort } from '../scoring/config.schema.ts';

/**
 * One customer's ARR over a trailing period. Cohort, segment and fit are read as they stood at the period's start:
 * retention asks what became of the book as it was then, so a customer that drifted into bad fit during the period
 * still counts where it started.
 */
export interface RetentionCustomer {
  companyId: string;
  /** ARR at the period's start; null when the company was not yet a customer then (new in the period, excluded). */
  startArr: number | null;
  /** ARR at the period's end; ignored for a churned customer, whose end ARR is zero by definition. */
  endArr: number;
  churned: boolean;
  cohort: Cohort;
  segment: string;
}

export interface RetentionFigures {
  customers: number;
  retainedCustomers: number;
  startArr: number;
  expansionArr: number;
  contractionArr: number;
  churnedArr: number;
  /** Shares of the start base (0.95 = 95%); null when the base is empty, as no retention is defined over nothing. */
  grossRevenueRetention: number | null;
  netRevenueRetention: number | null;
  logoRetention: number | null;
}

export interface RetentionReport {
  all: RetentionFigures;
  /** The headline: bad fits are expected to churn out, so their churn is reported apart, not hidden in the average. */
  goodFit: RetentionFigures;
  badFit: RetentionFigures;
}

/** The sums a report is made of; the store adds them up in SQL and gets its rates from `withRates` too. */
export type RetentionSums = Omit<RetentionFigures, 'grossRevenueRetention' | 'netRevenueRetention' | 'logoRetention'>;

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export const withRates = (sums: RetentionSums): RetentionFigures => {
  const kept = sums.startArr - sums.churnedArr - sums.contractionArr;
  return {
    ...sums,
    grossRevenueRetention: share(kept, sums.startArr),
    netRevenueRetention: share(kept + sums.expansionArr, sums.startArr),
    logoRetention: share(sums.retainedCustomers, sums.customers),
  };
};

/** A customer counts as at the start only with ARR then: a zero-ARR account has no revenue to retain. */
const inStartBase = (c: RetentionCustomer): c is RetentionCustomer & { startArr: number } => c.startArr !== null && c.startArr > 0;

export const retentionFigures = (customers: readonly RetentionCustomer[]): RetentionFigures => {
  let startArr = 0, expansionArr = 0, contractionArr = 0, churnedArr = 0, count = 0, retained = 0;
  for (const c of customers) {
    if (!inStartBase(c)) continue;
    count += 1;
    startArr += c.startArr;
    // A customer whose ARR fell to zero has left, whatever its lifecycle stage says.
    if (c.churned || c.endArr <= 0) { churnedArr += c.startArr; continue; }
    retained += 1;
    if (c.endArr > c.startArr) expansionArr += c.endArr - c.startArr;
    else contractionArr += c.startArr - c.endArr;
  }
  return withRates({ customers: count, retainedCustomers: retained, startArr, expansionArr, contractionArr, churnedArr });
};

export const retentionReport = (customers: readonly RetentionCustomer[]): RetentionReport => ({
  all: retentionFigures(customers),
  goodFit: retentionFigures(customers.filter((c) => c.cohort !== 'bad_fit')),
  badFit: retentionFigures(customers.filter((c) => c.cohort === 'bad_fit')),
});

/** The report per value of `key` (cohort or segment at the start), in first-seen order. */
export const retentionBy = (customers: readonly RetentionCustomer[], key: (c: RetentionCustomer) => string): Map<string, RetentionReport> => {
  const groups = new Map<string, RetentionCustomer[]>();
  for (const c of customers) {
    const list = groups.get(key(c));
    if (list) list.push(c);
    else groups.set(key(c), [c]);
  }
  return new Map([...groups].map(([k, list]) => [k, retentionReport(list)]));
};
