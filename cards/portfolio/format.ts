import type { Cohort } from '../card-data.schema.ts';
import { cohortView } from '../components/labels.ts';
import type { churnQuadrants } from '../portfolio-data.schema.ts';

// How the portfolio's figures read on the page. Rates arrive as shares (0.95) and read as percentages; an absent
// rate (an empty start base) reads as a dash, never as 0% or 100%.

export const cohortOrder: readonly Cohort[] = ['positive', 'neutral', 'negative', 'dark', 'bad_fit'];

export const percent = (rate: number | null): string => (rate === null ? '–' : `${(rate * 100).toFixed(1)}%`);

export const money = (value: number | null): string => (value === null ? '–' : Math.round(value).toLocaleString('en-US'));

export const cohortLabel = (cohort: Cohort): string => cohortView[cohort].label;

export const movementLabel = (value: Cohort | 'new' | 'churned'): string =>
  value === 'new' ? 'New customer' : value === 'churned' ? 'Churned' : cohortLabel(value);

export const quadrantLabel: Record<(typeof churnQuadrants)[number], string> = {
  avoidable_expected: 'Avoidable, expected',
  avoidable_unexpected: 'Avoidable, unexpected',
  unavoidable_expected: 'Unavoidable, expected',
  unavoidable_unexpected: 'Unavoidable, unexpected',
};

const playLabels: Record<string, string> = {
  off_board: 'Off-board', offboard: 'Off-board', re_engage: 'Re-engage', reengage: 'Re-engage', rescue: 'Rescue',
  drive_adoption: 'Drive adoption', expansion_conversation: 'Expansion conversation', expansion: 'Expansion conversation',
  advocacy_ask: 'Ask for advocacy', advocacy: 'Ask for advocacy', monitor: 'Monitor', renewal: 'Prepare renewal', review_fit: 'Review fit',
};

/** The play's name for people; an identifier the page does not know yet reads as itself, not as nothing. */
export const playLabel = (play: string): string => playLabels[play] ?? play.replace(/_/g, ' ');

/** The company's record in HubSpot (companies are object type 0-2). */
export const companyRecordUrl = (portalId: number, companyId: string): string =>
  `https://app.hubspot.com/contacts/${portalId}/record/0-2/${encodeURIComponent(companyId)}`;

export const day = (instant: string | null): string => (instant === null ? '–' : instant.slice(0, 10));

/** A mean health score; null while its day has not come (or no score is known). */
export const health = (mean: number | null): string => (mean === null ? 'not yet' : mean.toFixed(1));

/** An AUC or other 0-1 figure with two decimals; n/a when its sample could not say (nobody, or everybody, churned). */
export const ratio = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2));

const componentLabels: Record<string, string> = {
  usage: 'Usage', cadence: 'Touch cadence', engagement: 'Engagement', support: 'Support', sentiment: 'Sentiment (NPS, CSAT)',
  relationship: 'Relationship', milestones: 'Milestone pace', commercial: 'Commercial', decline: 'Signs of decline', csm_sentiment: 'CSM sentiment',
};

/** A health component's name for people; one the page does not know yet reads as its key. */
export const componentLabel = (key: string): string => componentLabels[key] ?? key.replace(/_/g, ' ');
