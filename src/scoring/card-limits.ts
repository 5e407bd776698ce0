/**
 * What the company card can show (cards/card-data.schema.ts is its contract). The config schema and the server's
 * copy of the contract both read these, so a config the validator accepts never produces a card the card refuses.
 */
export const cardLimits = {
  milestones: 30,
  fitCriteria: 20,
  components: 20,
  playSteps: 10,
  trendPoints: 91,
} as const;

/** Milestone keys and play ids travel in card actions and HubSpot property values: lowercase identifiers only. */
export const identifierPattern = /^[a-z][a-z0-9_]*$/;
