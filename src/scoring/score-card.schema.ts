import { z } from 'zod';
import { cohorts, componentKeys, healthStatuses, lifecycleStages, plays } from './config.schema.ts';
import { csmSentimentValues, valueSourceSchema } from './snapshot.schema.ts';
import { valueLevels } from './value-realised.ts';

export const fitValues = ['good', 'stretch', 'bad'] as const;
export type FitValue = (typeof fitValues)[number];
/** skipped: an onboarding milestone never evidenced for a customer past onboarding; it no longer counts either way. */
export const milestoneStates = ['done', 'on_track', 'behind', 'stuck', 'skipped'] as const;
export type MilestoneState = (typeof milestoneStates)[number];
export const vectorValues = ['positive', 'neutral', 'negative'] as const;
export type VectorValue = (typeof vectorValues)[number];

const score = z.number().min(0).max(100);

export const fitCriterionResultSchema = z.object({
  rule: z.enum(['good', 'bad']),
  property: z.string(),
  actual: z.string().nullable(),
  passed: z.boolean(),
  /** The property is empty, so the rule could not be judged (a good rule may go unjudged: config fit.unknownAllowed). */
  unknown: z.boolean().optional(),
  description: z.string(),
});

export const milestoneResultSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['functional', 'customer']),
  state: z.enum(milestoneStates),
  expectedBy: z.string().nullable(),
  doneAt: z.string().nullable(),
  /** portal: from the portal's plan; company: defined for this customer on the card. Cards stored before read as portal. */
  scope: z.enum(['portal', 'company']).default('portal'),
});

export const componentResultSchema = z.object({
  key: z.enum(componentKeys),
  value: score.nullable(),
  weight: z.number().min(0).max(1),
  contribution: score,
  missing: z.boolean(),
  detail: z.string(),
});

export const playContactSchema = z.object({
  contactId: z.string(),
  name: z.string().nullable(),
  /** Why this person: executive sponsor, champion or most engaged contact. */
  role: z.string(),
  jobTitle: z.string().nullable(),
  email: z.string().nullable(),
  lastTouch: z.string().nullable(),
});

export const nextPlaySchema = z.object({
  play: z.enum(plays),
  reason: z.string(),
  steps: z.array(z.string()).min(1).max(3),
  // Cards stored before plays named people and evidence read as none.
  who: playContactSchema.nullable().default(null),
  evidence: z.array(z.string()).max(8).default([]),
  template: z.object({ subject: z.string(), body: z.string() }).nullable().default(null),
});

/** The CSM's sentiment while it holds (null when none was set or it expired), shown apart from health. */
export const csmSentimentResultSchema = z.object({
  value: z.enum(csmSentimentValues),
  note: z.string().nullable(),
  setBy: z.string(),
  setAt: z.string(),
  expiresAt: z.string(),
});

/** The customer's desired outcome and how much of it is realised; level and percent are null while the current value is unknown. */
export const valueRealisedSchema = z.object({
  outcome: z.string(),
  metric: z.string(),
  source: valueSourceSchema,
  baseline: z.number(),
  target: z.number(),
  targetDate: z.string(),
  current: z.number().nullable(),
  currentSource: z.string(),
  level: z.enum(valueLevels).nullable(),
  percent: z.number().min(0).max(100).nullable(),
  setBy: z.string(),
  setAt: z.string(),
});

export const scoreCardSchema = z.object({
  companyId: z.string(),
  scoredAt: z.string(),
  fit: z.object({ value: z.enum(fitValues), criteria: z.array(fitCriterionResultSchema) }),
  segment: z.string(),
  lifecycleStage: z.enum(lifecycleStages),
  milestones: z.array(milestoneResultSchema),
  milestoneProgress: score,
  currentMilestone: z.string().nullable(),
  timeToFirstValueDays: z.number().nullable(),
  health: z.object({
    score,
    status: z.enum(healthStatuses),
    components: z.array(componentResultSchema),
    biggestDrag: z.object({ key: z.enum(componentKeys), detail: z.string() }).nullable(),
    vetoApplied: z.string().nullable(),
  }),
  changeReason: z.string(),
  vector: z.object({ value: z.enum(vectorValues), reason: z.string() }),
  goneDark: z.object({ dark: z.boolean(), daysSinceTwoWay: z.number().nullable() }),
  cohort: z.enum(cohorts),
  priority: z.number().min(0),
  nextPlay: nextPlaySchema,
  churn: z.object({ avoidable: z.boolean(), expected: z.boolean(), reason: z.string() }).nullable(),
  // Cards stored before the CSM could set a sentiment read as none.
  csmSentiment: csmSentimentResultSchema.nullable().default(null),
  valueRealised: valueRealisedSchema.nullable().default(null),
});

export type ScoreCard = z.infer<typeof scoreCardSchema>;
export type FitCriterionResult = z.infer<typeof fitCriterionResultSchema>;
export type MilestoneResult = z.infer<typeof milestoneResultSchema>;
export type PlayContact = z.infer<typeof playContactSchema>;
export type NextPlayResult = z.infer<typeof nextPlaySchema>;
export type ComponentResult = z.infer<typeof componentResultSchema>;
