import type { ScoreCard } from '../scoring/score-card.schema.ts';
import { playValue } from './play-values.ts';
import type { WaypointPropertyName } from './property-catalogue.ts';

export type WaypointPropertyValues = Record<WaypointPropertyName, string>;

// HubSpot clears a property when sent an empty string; values travel as strings whatever their type.
const text = (value: string | null): string => value ?? '';
const number = (value: number): string => String(Math.round(value * 100) / 100);

/** The values Waypoint writes to a company for its score card: pure, so diffing compares like with like. */
export const propertiesFromCard = (card: ScoreCard): WaypointPropertyValues => ({
  waypoint_fit: card.fit.value,
  waypoint_health_score: number(card.health.score),
  waypoint_health_status: card.health.status,
  waypoint_success_vector: card.vector.value,
  waypoint_cohort: card.cohort,
  waypoint_gone_dark: String(card.goneDark.dark),
  waypoint_milestone_progress: number(card.milestoneProgress),
  waypoint_current_milestone: text(card.currentMilestone),
  waypoint_next_play: playValue(card.nextPlay.play),
  waypoint_next_play_reason: card.nextPlay.reason,
  // Whole numbers: a worklist sorts by it, and hourly drift in the decimals is not worth a write.
  waypoint_priority: String(Math.round(card.priority)),
  waypoint_health_change_reason: card.changeReason,
  waypoint_churn_avoidable: card.churn ? (card.churn.avoidable ? 'avoidable' : 'unavoidable') : '',
  waypoint_churn_expected: card.churn ? (card.churn.expected ? 'expected' : 'unexpected') : '',
  waypoint_value_realised: text(card.valueRealised?.level ?? null),
  waypoint_value_realised_percent: card.valueRealised?.percent == null ? '' : number(card.valueRealised.percent),
  waypoint_scored_at: card.scoredAt,
});

/**
 * Only the properties whose value differs from what Waypoint last wrote (all of them for a company never written).
 * A property added to the catalogue after a company was written reads as empty there, so an empty value for it
 * (no desired outcome yet) does not rewrite the whole book after a release.
 */
export const changedProperties = (
  desired: Readonly<Record<string, string>>,
  written: Readonly<Record<string, string>> | undefined,
): Record<string, string> =>
  Object.fromEntries(Object.entries(desired).filter(([name, value]) => (written === undefined ? true : (written[name] ?? '') !== value)));
