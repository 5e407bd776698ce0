import type { Play } from '../scoring/config.schema.ts';
import { waypointPropertyCatalogue } from './property-catalogue.ts';

// The scoring engine names plays for people reading config (off_board); the property's enumeration values are
// shorter and frozen because portals' workflows trigger on them. This is the one place the two meet.
const valueByPlay = {
  off_board: 'offboard',
  re_engage: 'reengage',
  rescue: 'rescue',
  drive_adoption: 'drive_adoption',
  expansion_conversation: 'expansion',
  advocacy_ask: 'advocacy',
  monitor: 'monitor',
  renewal: 'renewal',
  review_fit: 'review_fit',
} as const satisfies Record<Play, string>;

export type PlayValue = (typeof valueByPlay)[Play];

export const playValue = (play: Play): PlayValue => valueByPlay[play];

/** The engine's name for a property value: what a card sends back when it reports on a play. */
export const playFromValue = (value: PlayValue): Play =>
  (Object.keys(valueByPlay) as Play[]).find((play) => valueByPlay[play] === value)!;

const nextPlayOptions = waypointPropertyCatalogue.properties.find((p) => p.name === 'waypoint_next_play')?.options ?? [];

/** The label HubSpot shows for the play's property value, so the card and the record page use the same words. */
export const playLabel = (play: Play): string =>
  nextPlayOptions.find((option) => option.value === valueByPlay[play])?.label ?? play;
