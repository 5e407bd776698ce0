import type { Cohort, FitValue, HealthStatus, MilestoneState, VectorValue } from '../card-data.schema.ts';

// How each stable identifier reads on the card; the identifiers themselves never change (workflows use them).

type StatusTagVariant = 'danger' | 'warning' | 'info' | 'success' | 'default';
type TagVariant = 'default' | 'warning' | 'success' | 'error' | 'info';

export const healthStatusView: Record<HealthStatus, { label: string; variant: StatusTagVariant }> = {
  green: { label: 'Healthy', variant: 'success' },
  yellow: { label: 'Needs attention', variant: 'warning' },
  red: { label: 'At risk', variant: 'danger' },
};

export const cohortView: Record<Cohort, { label: string; variant: TagVariant }> = {
  bad_fit: { label: 'Bad fit', variant: 'default' },
  dark: { label: 'Gone dark', variant: 'warning' },
  negative: { label: 'Negative', variant: 'error' },
  neutral: { label: 'Neutral', variant: 'info' },
  positive: { label: 'Positive', variant: 'success' },
};

export const vectorView: Record<VectorValue, { label: string; variant: StatusTagVariant }> = {
  positive: { label: 'Heading up', variant: 'success' },
  neutral: { label: 'Flat', variant: 'default' },
  negative: { label: 'Heading down', variant: 'danger' },
};

export const milestoneStateView: Record<MilestoneState, { label: string; variant: StatusTagVariant }> = {
  done: { label: 'Done', variant: 'success' },
  on_track: { label: 'On track', variant: 'info' },
  behind: { label: 'Behind', variant: 'warning' },
  stuck: { label: 'Stuck', variant: 'danger' },
  skipped: { label: 'Skipped', variant: 'default' },
};

export const fitView: Record<FitValue, { label: string; variant: StatusTagVariant }> = {
  good: { label: 'Good fit', variant: 'success' },
  stretch: { label: 'Stretch', variant: 'warning' },
  bad: { label: 'Bad fit', variant: 'danger' },
};

/** "1 day", "12 days": card sentences read right for every number. */
export const dayCount = (count: number): string => `${count} ${count === 1 ? 'day' : 'days'}`;

/** "2026-11-23" or an ISO instant, shown as the day only. */
export const dayOf = (value: string): string => value.slice(0, 10);

/** How the backend records who set something: the user's name, else their email. */
export const userName = (user: { firstName: string; lastName: string; email: string }): string =>
  `${user.firstName} ${user.lastName}`.trim() || user.email;
