import { z } from 'zod';

// The contract between GET /api/cards/company and the card. The backend builds exactly this shape and the card
// parses every response with it, so a drift on either side shows up as a named field in an error, never as a
// half-drawn card. Unknown fields are dropped, so the backend can add a field before a card release uses it.
// cards/README.md documents each field for the backend.

const percent = z.number().min(0).max(100);
const calendarDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const dateOrInstant = z.union([calendarDate, instant]);
const stableId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a lowercase identifier like next_play');

export const healthStatusSchema = z.enum(['green', 'yellow', 'red']);
export const vectorValueSchema = z.enum(['positive', 'neutral', 'negative']);
export const cohortSchema = z.enum(['bad_fit', 'dark', 'negative', 'neutral', 'positive']);
export const milestoneStateSchema = z.enum(['done', 'on_track', 'behind', 'stuck', 'skipped']);
export const milestoneKindSchema = z.enum(['functional', 'customer']);
export const fitValueSchema = z.enum(['good', 'stretch', 'bad']);

export const trendPointSchema = z.object({ date: calendarDate, score: percent });

export const healthComponentSchema = z.object({
  key: stableId,
  label: z.string().min(1),
  value: percent.nullable(),
  weight: z.number().min(0).max(1),
  contribution: z.number(),
  missing: z.boolean(),
  detail: z.string().optional(),
  /** For a component with no data: what is missing and what would fill it ("no usage data: map active users in Settings"). */
  hint: z.string().optional(),
  /** Out of the blend because nothing is wrong (no sign of decline), not for want of data; absent from older backends. */
  quiet: z.literal(true).optional(),
});

export const milestoneSchema = z.object({
  key: stableId,
  label: z.string().min(1),
  kind: milestoneKindSchema,
  state: milestoneStateSchema,
  expectedBy: dateOrInstant.nullable(),
  doneAt: dateOrInstant.nullable(),
  /** portal: the portal's plan (changed in Settings); company: defined for this customer on the card, changed or removed here. */
  scope: z.enum(['portal', 'company']).default('portal'),
});

// rule: a good-fit rule passes when met; a bad-fit rule that matches is the reason for a bad fit. actual: the
// company's value in HubSpot's words, null when the property is empty.
export const fitCriterionSchema = z.object({
  description: z.string().min(1),
  passed: z.boolean(),
  rule: z.enum(['good', 'bad']).default('good'),
  actual: z.string().nullable().default(null),
});

export const playContactSchema = z.object({
  name: z.string().nullable(),
  /** Why this person: "executive sponsor", "champion" or "most engaged contact". */
  role: z.string().min(1),
  jobTitle: z.string().nullable(),
  email: z.string().nullable(),
  lastTouch: calendarDate.nullable(),
});

export const nextPlaySchema = z.object({
  play: stableId,
  label: z.string().min(1),
  reason: z.string().min(1),
  steps: z.array(z.string().min(1)).max(10),
  who: playContactSchema.nullable().default(null),
  evidence: z.array(z.string().min(1)).max(8).default([]),
  template: z.object({ subject: z.string().min(1), body: z.string().min(1) }).nullable().default(null),
});

export const csmSentimentValues = ['positive', 'neutral', 'concerned', 'at_risk'] as const;
export const csmSentimentSchema = z.object({
  value: z.enum(csmSentimentValues),
  label: z.string().min(1),
  note: z.string().max(2000).nullable(),
  /** The HubSpot user who set it, and when; it stops showing at expiresAt (the portal's expiry, 90 days by default). */
  setBy: z.string().min(1),
  setAt: instant,
  expiresAt: instant,
});

export const valueLevels = ['none', 'partial', 'full'] as const;
/** The customer's desired outcome and how much of it is realised; level and percent are null while the current value is unknown. */
export const valueRealisedSchema = z.object({
  outcome: z.string().min(1),
  metric: z.string().min(1),
  baseline: z.number(),
  target: z.number(),
  targetDate: calendarDate,
  current: z.number().nullable(),
  /** Where the current value was read: "company property days_to_close" or "usage metric reports_sent". */
  currentSource: z.string().min(1),
  level: z.enum(valueLevels).nullable(),
  percent: percent.nullable(),
  setBy: z.string().min(1),
  setAt: instant,
});

export const scoreCardViewSchema = z
  .strictObject({
    healthScore: percent,
    healthStatus: healthStatusSchema,
    /** Why a veto holds the status below what the score alone gives, e.g. "capped at red: 3 urgent tickets open". */
    statusCap: z.string().min(1).nullable().default(null),
    trend: z.array(trendPointSchema).max(91),
    vector: z.object({ value: vectorValueSchema, reason: z.string() }),
    components: z.array(healthComponentSchema).max(20),
    biggestDrag: stableId.nullable(),
    milestones: z.array(milestoneSchema).max(30),
    milestoneProgress: percent,
    cohort: cohortSchema,
    goneDark: z.object({ dark: z.boolean(), daysSinceTwoWay: z.number().min(0).nullable() }),
    nextPlay: nextPlaySchema,
    changeReason: z.string().nullable(),
    fit: z.object({ value: fitValueSchema, criteria: z.array(fitCriterionSchema).max(20) }),
    /** Set once the customer has churned: the card shows that instead of a gone-dark warning. */
    churn: z.object({ reason: z.string().min(1) }).nullable().default(null),
    /** The CSM's own read of the customer while it holds; null when none was set or it expired. Shown apart from health. */
    csmSentiment: csmSentimentSchema.nullable().default(null),
    valueRealised: valueRealisedSchema.nullable().default(null),
    /** Days from start to the first-value milestone (null until reached), and how the segment's star pupils compare. */
    firstValue: z.object({ days: z.number().int().min(0).nullable(), starPupils: z.string().min(1).nullable() }).nullable().default(null),
    scoredAt: instant,
  })
  .superRefine((score, ctx) => {
    if (score.biggestDrag !== null && !score.components.some((c) => c.key === score.biggestDrag)) {
      ctx.addIssue({ code: 'custom', path: ['biggestDrag'], message: `names no component: ${score.biggestDrag}` });
    }
    score.components.forEach((component, index) => {
      if (component.missing !== (component.value === null)) {
        ctx.addIssue({ code: 'custom', path: ['components', index, 'value'], message: 'must be null exactly when missing is true' });
      }
    });
  });

export const cardDataSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    company: z.object({ id: z.string().regex(/^\d+$/, 'must be a HubSpot record id'), name: z.string() }),
    score: scoreCardViewSchema,
  }),
  z.object({ status: z.literal('not_customer') }),
  z.object({ status: z.literal('not_scored') }),
]);

// One key per click, kept across the card's own retries of that click, so the backend creates the task once.
export const createTaskRequestSchema = z.object({ play: stableId, idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional() });
export const advocacyOutcomes = ['declined', 'review', 'case_study', 'reference', 'speaking'] as const;
export const playOutcomeRequestSchema = z.object({
  play: stableId, status: z.enum(['done', 'skipped']), outcome: z.enum(advocacyOutcomes).nullable(), note: z.string().max(2000).nullable(),
});
export type PlayOutcomeRequest = z.infer<typeof playOutcomeRequestSchema>;
export const csmSentimentRequestSchema = z.object({
  value: z.enum(csmSentimentValues), note: z.string().max(2000).nullable(), setBy: z.string().min(1).max(200),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});
export type CsmSentimentRequest = z.infer<typeof csmSentimentRequestSchema>;
export const desiredOutcomeRequestSchema = z.object({
  outcome: z.string().min(1).max(500),
  metric: z.string().min(1).max(200),
  source: z.discriminatedUnion('kind', [z.object({ kind: z.literal('property'), property: z.string().min(1) }), z.object({ kind: z.literal('usage'), metric: z.string().min(1) })]),
  baseline: z.number(),
  target: z.number(),
  targetDate: calendarDate,
  setBy: z.string().min(1).max(200),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});
export type DesiredOutcomeRequest = z.infer<typeof desiredOutcomeRequestSchema>;
export const companyMilestoneRequestSchema = z.object({
  key: stableId.optional(), label: z.string().min(1).max(200), dueDate: calendarDate, setBy: z.string().min(1).max(200),
});
export type CompanyMilestoneRequest = z.infer<typeof companyMilestoneRequestSchema>;
export const markMilestoneRequestSchema = z.object({ milestoneKey: stableId });
export const createTaskResponseSchema = z.object({ status: z.literal('ok'), taskId: z.string().min(1) });
/** 'queued': Waypoint accepted the rescore, and its score job had not finished when the answer was sent. */
export const actionDoneResponseSchema = z.object({ status: z.enum(['ok', 'queued']) });
export const errorResponseSchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

export type CardData = z.infer<typeof cardDataSchema>;
export type ScoredCardData = Extract<CardData, { status: 'ok' }>;
export type ScoreCardView = z.infer<typeof scoreCardViewSchema>;
export type HealthComponent = z.infer<typeof healthComponentSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type FitCriterion = z.infer<typeof fitCriterionSchema>;
export type NextPlay = z.infer<typeof nextPlaySchema>;
export type PlayContact = z.infer<typeof playContactSchema>;
export type CsmSentiment = z.infer<typeof csmSentimentSchema>;
export type ValueRealised = z.infer<typeof valueRealisedSchema>;
export type CsmSentimentValue = (typeof csmSentimentValues)[number];
export type Cohort = z.infer<typeof cohortSchema>;
export type HealthStatus = z.infer<typeof healthStatusSchema>;
export type VectorValue = z.infer<typeof vectorValueSchema>;
export type FitValue = z.infer<typeof fitValueSchema>;
export type MilestoneState = z.infer<typeof milestoneStateSchema>;
export type CreateTaskRequest = z.infer<typeof createTaskRequestSchema>;
export type MarkMilestoneRequest = z.infer<typeof markMilestoneRequestSchema>;
