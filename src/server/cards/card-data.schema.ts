import { z } from 'zod';
import { cardLimits, identifierPattern } from '../../scoring/card-limits.ts';
import { cohorts, componentKeys, healthStatuses } from '../../scoring/config.schema.ts';
import { fitValues, milestoneStates, vectorValues } from '../../scoring/score-card.schema.ts';
import { advocacyOutcomes, csmSentimentValues } from '../../scoring/snapshot.schema.ts';
import { valueLevels } from '../../scoring/value-realised.ts';
import { nextPlayValues } from '../../writeback/property-catalogue.ts';

// The server's copy of the card contract (cards/card-data.schema.ts is the authority; cards/ is bundled apart,
// so src/ cannot import it). Every response is parsed with this before it leaves, and tests parse the same
// responses with the card's own schema, so the two copies cannot drift apart unnoticed.

const percent = z.number().min(0).max(100);
const day = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const identifier = z.string().regex(identifierPattern);

const scoreView = z.strictObject({
  healthScore: percent,
  healthStatus: z.enum(healthStatuses),
  statusCap: z.string().min(1).nullable(),
  trend: z.array(z.object({ date: day, score: percent })).max(cardLimits.trendPoints),
  vector: z.object({ value: z.enum(vectorValues), reason: z.string() }),
  components: z.array(z.object({
    key: z.enum(componentKeys), label: z.string().min(1), value: percent.nullable(), weight: z.number().min(0).max(1),
    contribution: z.number(), missing: z.boolean(), detail: z.string().optional(),
    /** For a component with no data: what is missing and what would fill it. */
    hint: z.string().optional(),
    /** Out of the blend because nothing is wrong (no sign of decline), not for want of data. */
    quiet: z.literal(true).optional(),
  })).max(cardLimits.components),
  biggestDrag: z.enum(componentKeys).nullable(),
  milestones: z.array(z.object({
    key: identifier, label: z.string().min(1), kind: z.enum(['functional', 'customer']), state: z.enum(milestoneStates),
    expectedBy: z.union([day, instant]).nullable(), doneAt: z.union([day, instant]).nullable(),
    /** portal: the portal's plan; company: defined for this customer on the card (the card can change or remove it). */
    scope: z.enum(['portal', 'company']),
  })).max(cardLimits.milestones),
  milestoneProgress: percent,
  cohort: z.enum(cohorts),
  goneDark: z.object({ dark: z.boolean(), daysSinceTwoWay: z.number().min(0).nullable() }),
  nextPlay: z.object({
    play: z.enum(nextPlayValues), label: z.string().min(1), reason: z.string().min(1), steps: z.array(z.string().min(1)).max(cardLimits.playSteps),
    who: z.object({
      name: z.string().nullable(), role: z.string().min(1), jobTitle: z.string().nullable(), email: z.string().nullable(), lastTouch: day.nullable(),
    }).nullable(),
    evidence: z.array(z.string().min(1)).max(8),
    template: z.object({ subject: z.string().min(1), body: z.string().min(1) }).nullable(),
  }),
  changeReason: z.string().nullable(),
  fit: z.object({
    value: z.enum(fitValues),
    criteria: z.array(z.object({
      description: z.string().min(1), passed: z.boolean(), rule: z.enum(['good', 'bad']), actual: z.string().nullable(),
    })).max(cardLimits.fitCriteria),
  }),
  churn: z.object({ reason: z.string().min(1) }).nullable(),
  /** The CSM's sentiment while it holds; shown apart from health (it is a health component only where the config says so). */
  csmSentiment: z.object({
    value: z.enum(csmSentimentValues), label: z.string().min(1), note: z.string().max(2000).nullable(), setBy: z.string().min(1).max(200), setAt: instant, expiresAt: instant,
  }).nullable(),
  /** The customer's desired outcome and how much of it is realised; level and percent null while the current value is unknown. */
  valueRealised: z.object({
    outcome: z.string().min(1), metric: z.string().min(1), baseline: z.number(), target: z.number(), targetDate: day,
    current: z.number().nullable(), currentSource: z.string().min(1), level: z.enum(valueLevels).nullable(), percent: percent.nullable(),
    setBy: z.string().min(1), setAt: instant,
  }).nullable(),
  firstValue: z.object({ days: z.number().int().min(0).nullable(), starPupils: z.string().min(1).nullable() }).nullable(),
  scoredAt: instant,
});

export const cardDataSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), company: z.object({ id: z.string().regex(/^\d+$/), name: z.string() }), score: scoreView }),
  z.object({ status: z.literal('not_customer') }),
  z.object({ status: z.literal('not_scored') }),
]);

export const createTaskBodySchema = z.object({
  play: z.enum(nextPlayValues, { error: 'play must be one of the next play identifiers' }),
  /** One per click, kept by the card across its own retries, so a repeated request returns the first task. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'idempotencyKey must be 8 to 64 letters, digits, - or _').optional(),
});
export const playOutcomeBodySchema = z.object({
  play: z.enum(nextPlayValues, { error: 'play must be one of the next play identifiers' }),
  status: z.enum(['done', 'skipped'], { error: 'status must be done or skipped' }),
  outcome: z.enum(advocacyOutcomes, { error: 'outcome must be declined, review, case_study, reference or speaking' }).nullable().default(null),
  note: z.string().max(2000, 'note must be at most 2000 characters').nullable().default(null),
}).refine((b) => b.outcome === null || (b.play === 'advocacy' && b.status === 'done'), { message: 'an outcome is recorded only for a done advocacy ask', path: ['outcome'] });
const idempotencyKey = createTaskBodySchema.shape.idempotencyKey;
export const csmSentimentBodySchema = z.object({
  value: z.enum(csmSentimentValues, { error: 'value must be positive, neutral, concerned or at_risk' }),
  note: z.string().trim().max(2000, 'note must be at most 2000 characters').transform((n) => (n === '' ? null : n)).nullable().default(null),
  /** The HubSpot user setting it, as the card's context names them (name, else email). */
  setBy: z.string({ error: 'setBy is required' }).trim().min(1, 'setBy must name the user').max(200, 'setBy must be at most 200 characters'),
  idempotencyKey,
});
const finite = (field: string) => z.number({ error: `${field} must be a number` }).finite(`${field} must be a finite number`)
  .min(-1e12, `${field} must be at least -1e12`).max(1e12, `${field} must be at most 1e12`);
export const desiredOutcomeBodySchema = z.object({
  outcome: z.string({ error: 'outcome is required' }).trim().min(1, 'outcome must say what the customer wants to achieve').max(500, 'outcome must be at most 500 characters'),
  metric: z.string({ error: 'metric is required' }).trim().min(1, 'metric must name how they measure it').max(200, 'metric must be at most 200 characters'),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('property'), property: z.string().trim().min(1, 'property must name a company property').max(200) }),
    z.object({ kind: z.literal('usage'), metric: z.string().trim().min(1, 'metric must name a usage metric').max(200) }),
  ], { error: 'source must be { kind: "property", property } or { kind: "usage", metric }' }),
  baseline: finite('baseline'),
  target: finite('target'),
  targetDate: z.iso.date({ error: 'targetDate must be a date (YYYY-MM-DD)' }),
  setBy: csmSentimentBodySchema.shape.setBy,
  idempotencyKey,
}).refine((b) => b.target !== b.baseline, { message: 'target must differ from baseline', path: ['target'] });
export const companyMilestoneBodySchema = z.object({
  /** Given: change that milestone of this customer; absent: add a new one, its key made from the label. */
  key: identifier.max(64).optional(),
  label: z.string({ error: 'label is required' }).trim().min(1, 'label must name the milestone').max(200, 'label must be at most 200 characters'),
  dueDate: z.iso.date({ error: 'dueDate must be a date (YYYY-MM-DD)' }),
  setBy: csmSentimentBodySchema.shape.setBy,
});
export const markMilestoneBodySchema = z.object({ milestoneKey: identifier });

export type CardData = z.infer<typeof cardDataSchema>;
export type ScoreView = z.infer<typeof scoreView>;
