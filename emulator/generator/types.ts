export const objectTypes = [
  'companies', 'contacts', 'deals', 'tickets', 'calls', 'emails', 'meetings', 'notes', 'tasks', 'feedback_submissions',
] as const;
export type ObjectType = (typeof objectTypes)[number];
export type ChildType = Exclude<ObjectType, 'companies'>;
export const childTypes = objectTypes.filter((t): t is ChildType => t !== 'companies');
export const engagementTypes = ['calls', 'emails', 'meetings', 'notes', 'tasks'] as const satisfies readonly ChildType[];
export type EngagementType = (typeof engagementTypes)[number];

export type Properties = Record<string, string | null>;

/** One CRM object as the generator produces it; the server serialises it into HubSpot's shape. */
export interface CrmRecord {
  id: string;
  properties: Properties;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** The company it belongs to (null for none); HubSpot exposes this only as an association. */
  companyId: string | null;
  contactId: string | null;
  /** Reached through its contact only: HubSpot does not associate it with the company (stock feedback submissions). */
  contactOnly?: true;
}

export type Size = 'S' | 'M' | 'L' | 'XL';
/**
 * What the portal holds: `stock` is an ordinary HubSpot portal (standard properties and option values only, messy
 * values); `rich` adds the custom customer-success properties (ARR, seats, renewal and churn dates, left_company).
 */
export type PortalProfile = 'stock' | 'rich';
export const portalProfiles = ['stock', 'rich'] as const satisfies readonly PortalProfile[];
export type Archetype =
  | 'thriving' | 'stagnant' | 'declining' | 'gone_dark' | 'bad_fit' | 'stretch' | 'onboarding' | 'churned' | 'prospect';
export type Fit = 'good' | 'stretch' | 'bad';
export type Cohort = 'positive' | 'neutral' | 'negative' | 'dark' | 'bad_fit';
/** How the company behaves, independent of fit: bad-fit and stretch companies borrow one of these. */
export type HealthProfile = 'thriving' | 'stagnant' | 'declining' | 'dark' | 'onboarding';
export type Segment = 'small' | 'mid' | 'large';
export type ChurnReason = 'acquired' | 'shutdown' | 'bad_fit' | 'budget' | 'competitor' | 'product_gap' | 'poor_adoption';

export interface ChurnTruth {
  churnedAt: string;
  reason: ChurnReason;
  avoidable: boolean;
  /** Did its trajectory show it coming (bad fit, or negative or dark when it churned)? */
  expected: boolean;
}

/** The customer's hidden state, from which every observable record is drawn (docs/emulator-archetypes.md). */
export interface Trajectory {
  /** Value realised, 0-1 (the share of seats using the product for the customer's outcome), 90 days before the anchor. */
  valueBefore: number;
  /** Value realised at the anchor (the portal's now, or the churn). */
  value: number;
  /** How readily the customer answers and reaches out, 0-1. */
  responsiveness: number;
  /** Days since the customer last wrote, called, met, opened a ticket, answered a survey or used the product. */
  silentDays: number;
  /** Several urgent problems at once, whatever the rest of the trajectory says. */
  supportCrisis: boolean;
}

/** Ground truth for one company: readable by tests and benchmarks, never exposed as a HubSpot property. */
export interface CompanyTruth {
  companyId: string;
  archetype: Archetype;
  customer: boolean;
  expectedFit: Fit;
  /** null for prospects and churned companies (excluded from cohort accuracy). */
  expectedCohort: Cohort | null;
  healthProfile: HealthProfile | null;
  segment: Segment | null;
  churn: ChurnTruth | null;
  championLeft: boolean;
  /** Days since the last two-way engagement at the portal's "now" (or at churn); null for prospects. */
  lastTwoWayDaysAgo: number | null;
  /** Silent long enough that nobody knows where it stands (null for prospects and churned companies). */
  expectedDark: boolean | null;
  trajectory: Trajectory | null;
}

export interface UsageSeries {
  companyId: string;
  metric: 'active_users';
  granularity: 'day';
  /** First day of the series, YYYY-MM-DD; one value per day after it. */
  startDate: string;
  values: readonly number[];
  seats: number;
  keyFeaturesUsed: number;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
}

export type CompanyChildren = Readonly<Record<ChildType, readonly CrmRecord[]>>;
