export { scoreCompany } from './score.ts';
export { parseScoringConfig, scoringConfigSchema, formatIssues } from './config.schema.ts';
export type { ScoringConfig, ConfigIssue, Cohort, Play, HealthStatus, ComponentKey } from './config.schema.ts';
export { defaultScoringConfig } from './defaults.ts';
export { scoreCardSchema } from './score-card.schema.ts';
export type { ScoreCard } from './score-card.schema.ts';
export { companySnapshotSchema } from './snapshot.schema.ts';
export type { CompanySnapshot } from './snapshot.schema.ts';
export { isCustomer } from './fit.ts';
