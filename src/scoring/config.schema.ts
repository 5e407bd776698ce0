import { z } from 'zod';
import { err, ok } from '../shared/errors.ts';
import type { Result } from '../shared/errors.ts';
import { addedPlaySteps, defaultPlayTemplates } from './playbook-defaults.ts';
import { cardLimits, identifierPattern } from './card-limits.ts';
import { patternError } from './pattern.ts';

export const componentKeys = ['usage', 'cadence', 'engagement', 'support', 'sentiment', 'relationship', 'milestones', 'commercial', 'decline', 'csm_sentiment'] as const;
export type ComponentKey = (typeof componentKeys)[number];
export const lifecycleStages = ['onboarding', 'established'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];
export const healthStatuses = ['green', 'yellow', 'red'] as const;
export type HealthStatus = (typeof healthStatuses)[number];
export const cohorts = ['bad_fit', 'dark', 'negative', 'neutral', 'positive'] as const;
export type Cohort = (typeof cohorts)[number];
export const normaliserKinds = ['country', 'industry', 'text'] as const;
export const plays = ['off_board', 're_engage', 'rescue', 'drive_adoption', 'expansion_conversation', 'advocacy_ask', 'monitor', 'renewal', 'review_fit'] as const;
export type Play = (typeof plays)[number];

const between = (min: number, max: number) => z.number({ error: `must be a number between ${min} and ${max}` })
  .min(min, `must be between ${min} and ${max}`).max(max, `must be between ${min} and ${max}`);
const weight = between(0, 1);
const days = z.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(0, 'must be 0 or more days');
const positive = z.number({ error: 'must be a number' }).min(0, 'must be 0 or more');
// Admin patterns run on every company scored; a long one is a mistake, and length bounds what it can cost.
const MAX_PATTERN = 200;
const pattern = z.string().min(1).max(MAX_PATTERN, `must be at most ${MAX_PATTERN} characters`).superRefine((source, ctx) => {
  const problem = patternError(source);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `must be a valid regular expression (RE2 syntax: no backreferences or lookaround): ${problem}` });
});
const name = z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const identifier = z.string().regex(identifierPattern, 'must be a lowercase identifier like first_value (a-z, 0-9, _)')
  .max(64, 'must be at most 64 characters');

const fitCriterionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('in'), property: name, values: z.array(z.string()).min(1, 'must list at least one value') }),
  z.object({ op: z.literal('between'), property: name, min: z.number(), max: z.number() })
    .refine((c) => c.min <= c.max, { message: 'min must not exceed max', path: ['max'] }),
  z.object({ op: z.literal('lt'), property: name, value: z.number() }),
  z.object({ op: z.literal('gte'), property: name, value: z.number() }),
]);
export type FitCriterion = z.infer<typeof fitCriterionSchema>;

const milestoneConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('meeting'), titlePattern: pattern }),
  z.object({ type: z.literal('usage'), metric: name, atLeast: z.number() }),
  z.object({ type: z.literal('depth'), atLeast: between(0, 10) }),
  z.object({ type: z.literal('executive_contact') }),
  z.object({ type: z.literal('deal_won'), dealTypes: z.array(name).min(1) }),
  /** A company property has a value, or (with equals) holds that value: "Onboarding complete" ticked, a go-live date filled. */
  z.object({ type: z.literal('property_set'), property: name, equals: z.string().min(1).max(200).nullable().default(null) }),
  z.object({ type: z.literal('manual') }),
]);
export type MilestoneCondition = z.infer<typeof milestoneConditionSchema>;

const milestoneSchema = z.object({
  key: identifier,
  label: name,
  kind: z.enum(['functional', 'customer']),
  expectedDays: days,
  condition: milestoneConditionSchema,
  /** Marks the milestone whose completion counts as "first value" for time to value. */
  firstValue: z.boolean().default(false),
});

const stepList = z.array(name).min(1).max(3, 'must list at most 3 steps');
const templateSchema = z.object({ subject: z.string().min(1).max(200), body: z.string().min(1).max(4000) });

const partialWeights = z.partialRecord(z.enum(componentKeys), weight);

const healthComponentsSchema = z.object({
  usage: z.object({
    weight, depthFull: between(0, 10), depthZero: between(0, 10), trendFull: z.number(), trendZero: z.number(), trendShare: weight,
    keyFeatureCount: z.number().int().min(1, 'must be at least 1'), breadthShare: weight,
  }),
  cadence: z.object({ weight, windowDays: days, expectedTouchesBySegment: z.record(z.string(), positive) }),
  engagement: z.object({ weight, fullWithinDays: days, zeroAfterDays: days, windowDays: days, inboundForFull: positive, volumeShare: weight }),
  support: z.object({ weight, urgentPenalty: positive, openPenalty: positive, stalePenalty: positive, staleAfterDays: days }),
  sentiment: z.object({ weight, withinDays: days }),
  relationship: z.object({ weight, executiveTitlePattern: pattern, championLeftWithinDays: days, roleChangePenalty: positive.default(25) }),
  milestones: z.object({ weight }),
  commercial: z.object({ weight, renewalWindowDays: days, expansionWithinDays: days }),
  /**
   * Signs of decline: usage of the latest days against the days before them, a contraction, a run of tickets; the
   * worst decides. Defaulted, so a config stored before the component existed still parses.
   */
  decline: z.object({
    weight, usageRecentDays: days.min(1, 'must be at least 1 day'), usagePriorDays: days.min(1, 'must be at least 1 day'),
    usageDropForZero: between(0.01, 1), contractionWithinDays: days, ticketWindowDays: days, ticketPenalty: positive,
  }).default({ weight: 0.1, usageRecentDays: 30, usagePriorDays: 60, usageDropForZero: 0.3, contractionWithinDays: 365, ticketWindowDays: 90, ticketPenalty: 25 }),
  /**
   * The CSM's sentiment from the card. It expires after expiresAfterDays (the card stops showing it too) and is a
   * health component only where enabled: by default it is shown apart from health and moves no score.
   */
  csm_sentiment: z.object({ weight, enabled: z.boolean(), expiresAfterDays: days.min(1, 'must be at least 1 day') })
    .default({ weight: 0.1, enabled: false, expiresAfterDays: 90 }),
});

const values = z.array(name);

/**
 * How deals read as renewal, expansion or contraction. HubSpot's standard `dealtype` options are newbusiness and
 * existingbusiness, so existing business is told apart by its amount against the previous closed-won amount; a
 * pipeline, or a portal's own type values, override that.
 */
const dealsSchema = z.object({
  typeProperty: name,
  newBusiness: values,
  existingBusiness: values,
  renewal: values,
  expansion: values,
  contraction: values,
  pipelines: z.object({ renewal: values, expansion: values, contraction: values }),
  /** contract_value: the deal's amount is the whole contract; change: it is the increment (negative for a cut). */
  amountMeans: z.enum(['contract_value', 'change']),
  /** Existing business within this share of the previous amount is a flat renewal. */
  flatWithin: between(0, 1),
  /**
   * contract_value only: existing business under this share of the contract is an upsell logged at its own value (how
   * HubSpot portals usually log one), so an expansion adding to the contract, not a contraction; 0 turns it off.
   */
  incrementBelow: between(0, 1).default(0.5),
});

/** A meeting whose start has passed counts as held unless its outcome says otherwise (most portals leave it empty). */
const meetingsSchema = z.object({ notHeldOutcomes: values, requireCompleted: z.boolean() });

/**
 * Where a feedback submission says which survey it answers and what the answer is. HubSpot's own surveys write
 * hs_survey_type and hs_value; a portal whose NPS or CSAT arrives through another tool maps its properties and values.
 */
const feedbackSchema = z.object({
  typeProperty: name,
  valueProperty: name,
  npsTypes: z.array(name).min(1, 'must list at least one value').max(20),
  csatTypes: z.array(name).max(20),
});

/** A mapped contact property that says the person left, on top of the standard signals the sync records. */
const contactsSchema = z.object({
  departedProperty: name.nullable(),
  departedValues: z.array(z.string()).min(1),
  /**
   * A contact still associated with the company whose primary company is now another one, or is empty while the email
   * moved to another domain, has left: HubSpot keeps the old association when a rep moves a contact to a new employer.
   */
  primaryCompanyMoved: z.boolean().default(true),
});

const statusBandsSchema = z.object({ green: between(0, 100), yellow: between(0, 100) })
  .refine((s) => s.yellow <= s.green, { message: 'must not exceed green', path: ['yellow'] });

/**
 * Segments by ARR bands (property null, the default) or by an enumeration property: each segment lists the property's
 * values it takes, and a company whose value none lists falls in the last segment.
 */
const segmentBySchema = z.object({
  property: name.nullable(),
  valuesBySegment: z.record(z.string(), z.array(z.string().max(200)).min(1, 'must list at least one value').max(100, 'must list at most 100 values')),
});

/**
 * How churn is read from standard HubSpot data (docs/scoring.md, "Churn"): a lost renewal (existing business closed
 * lost, with no closed-won deal after it), a lifecycle stage moved off the customer stages, or a mapped churn date.
 * Older stored configs lack the signal keys and get these defaults.
 */
const churnSchema = z.object({
  unavoidableReasons: z.array(z.string()),
  expectedWindowDays: days,
  lostRenewal: z.object({
    enabled: z.boolean(),
    /** A lost existing-business deal this share of the last won contract or more is the renewal; smaller ones are a lost upsell. */
    minShareOfContract: between(0, 10),
    /** The deal property holding why it was lost (HubSpot's free-text closed_lost_reason). */
    reasonProperty: name,
  }).default({ enabled: true, minShareOfContract: 0.5, reasonProperty: 'closed_lost_reason' }),
  lifecycleExit: z.object({
    /** Lifecycle stages that still mean a customer; any other current stage, with an exit date, is churn. */
    customerStages: z.array(name).min(1),
    /** HubSpot's calculated "Date exited 'Customer' lifecycle stage". */
    exitedDateProperty: name,
  }).nullable().default({ customerStages: ['customer', 'evangelist'], exitedDateProperty: 'hs_date_exited_customer' }),
  /** Reason codes recognised in a lost deal's free text (case-blind regular expressions), so unavoidableReasons can name them. */
  reasonPatterns: z.record(identifier, pattern).default({
    acquired: 'acquir|merger|\\bm&a\\b', shutdown: 'shut ?down|out of business|closed operations|bankrupt|ceased trading', bad_fit: 'not a fit|bad fit|wrong use case|not suited',
  }),
});

const vetoSchema = z.object({
  signal: z.enum(['urgentTicketsOpen', 'daysSinceTwoWay', 'championLeft', 'detractor']),
  atLeast: positive.default(1),
  capStatus: z.enum(['yellow', 'red']),
});

export const scoringConfigSchema = z.object({
  version: z.literal(1),
  customerFilter: z.object({ property: name, values: z.array(z.string()).min(1) }),
  properties: z.object({
    name: name, createdAt: name, lifecycleStage: name, arr: name, seats: name, activeUsers30d: name,
    keyFeaturesUsed: name, contractStartDate: name, renewalDate: name,
    /** A portal's own churn date and reason; none by default, since stock HubSpot has neither (churn.* reads standard data). */
    churnedAt: name.nullable(), churnReason: name.nullable(),
    owner: name.default('hubspot_owner_id'),
  }),
  usage: z.object({ activeUsersMetric: name }),
  fit: z.object({
    good: z.array(fitCriterionSchema).min(1),
    bad: z.array(fitCriterionSchema),
    /** How `in` rules compare a property's values; properties not listed compare as trimmed, case-blind text. */
    normalise: z.record(z.string(), z.enum(normaliserKinds)).default({ country: 'country', industry: 'industry' }),
    /** How many good rules may go unjudged for an empty property (unknown is not misfit); empty on more is a stretch. */
    unknownAllowed: z.number().int().min(0).max(50).default(1),
  }),
  deals: dealsSchema.default({
    typeProperty: 'dealtype', newBusiness: ['newbusiness'], existingBusiness: ['existingbusiness'],
    renewal: ['renewal'], expansion: ['expansion'], contraction: ['contraction'],
    pipelines: { renewal: [], expansion: [], contraction: [] }, amountMeans: 'contract_value', flatWithin: 0.05, incrementBelow: 0.5,
  }),
  meetings: meetingsSchema.default({ notHeldOutcomes: ['CANCELED', 'NO_SHOW', 'RESCHEDULED'], requireCompleted: false }),
  contacts: contactsSchema.default({ departedProperty: null, departedValues: ['true'], primaryCompanyMoved: true }),
  feedback: feedbackSchema.default({ typeProperty: 'hs_survey_type', valueProperty: 'hs_value', npsTypes: ['NPS'], csatTypes: ['CSAT'] }),
  // Identifiers keep __proto__ and toString out (a JSON record key __proto__ would vanish in parsing); constructor,
  // the one identifier Object.prototype has, is read through own().
  segments: z.array(z.object({ key: identifier, maxArr: positive.nullable() })).min(1, 'must define at least one segment'),
  segmentBy: segmentBySchema.default({ property: null, valuesBySegment: {} }),
  lifecycle: z.object({ onboardingDays: days }),
  milestones: z.object({
    stuckAfterOverdueDays: days, justReachedDays: days,
    items: z.array(milestoneSchema).max(cardLimits.milestones, `must list at most ${cardLimits.milestones} milestones (the card shows that many)`),
  }),
  health: z.object({
    components: healthComponentsSchema,
    weightsBySegment: z.record(z.string(), partialWeights),
    weightsByStage: z.partialRecord(z.enum(lifecycleStages), partialWeights),
    status: statusBandsSchema,
    /** A segment's own bands, replacing `status` for its customers (the backtest's calibration proposes them). */
    statusBySegment: z.record(z.string(), statusBandsSchema).default({}),
    vetoes: z.array(vetoSchema),
  }),
  dark: z.object({ defaultDays: days, bySegment: z.record(z.string(), days) }),
  vector: z.object({
    windowDays: days, usageRising: z.number(), usageFalling: z.number(), healthTrendPoints: positive,
    expansionWithinDays: days, sentimentWithinDays: days, urgentTicketsNegative: positive, positiveAt: z.number(), negativeAt: z.number(),
  }),
  priority: z.object({ riskByCohort: z.record(z.enum(cohorts), positive), renewalHorizonDays: days }),
  plays: z.object({
    nearPlanLimitDepth: between(0, 10),
    promoterWithinDays: days,
    // Plays added after portals saved their configs get built-in steps, so a stored config keeps parsing.
    steps: z.object({
      off_board: stepList, re_engage: stepList, rescue: stepList, drive_adoption: stepList,
      expansion_conversation: stepList, advocacy_ask: stepList, monitor: stepList,
      renewal: stepList.default(addedPlaySteps.renewal), review_fit: stepList.default(addedPlaySteps.review_fit),
    }),
    advocacyLadder: z.array(name).min(1),
    /** Checkpoints before an unsigned renewal, in days; the renewal play starts at the first. */
    renewalCheckpointDays: z.array(days).min(1).max(6).default([120, 90, 60]),
    /** Steps per play and segment, replacing the play's steps for that segment. */
    stepsBySegment: z.partialRecord(z.enum(plays), z.record(z.string(), stepList)).default({}),
    /** Email templates per play, optionally per segment; {{contact}}, {{company}}, {{milestone}}, {{renewalDate}} are filled in. */
    templates: z.partialRecord(z.enum(plays), templateSchema.extend({ bySegment: z.record(z.string(), templateSchema).optional() }))
      .default(defaultPlayTemplates),
  }),
  churn: churnSchema,
  /**
   * The company properties a customer's desired outcome may read its current value from (the sync fetches them).
   * Waypoint's own properties are refused: reading back what it writes would feed its output into its input.
   */
  outcomes: z.object({
    currentValueProperties: z.array(name.refine((p) => !p.startsWith('waypoint_'), 'must not be one of Waypoint\'s own waypoint_ properties'))
      .max(20, 'must list at most 20 properties'),
  }).default({ currentValueProperties: [] }),
}).superRefine((config, ctx) => {
  const segmentKeys = new Set(config.segments.map((s) => s.key));
  const checkSegments = (record: Record<string, unknown>, path: (string | number)[]) => {
    for (const key of Object.keys(record)) {
      if (!segmentKeys.has(key)) ctx.addIssue({ code: 'custom', path: [...path, key], message: `unknown segment "${key}"` });
    }
  };
  checkSegments(config.health.weightsBySegment, ['health', 'weightsBySegment']);
  checkSegments(config.health.statusBySegment, ['health', 'statusBySegment']);
  checkSegments(config.dark.bySegment, ['dark', 'bySegment']);
  checkSegments(config.segmentBy.valuesBySegment, ['segmentBy', 'valuesBySegment']);
  for (const [play, bySegment] of Object.entries(config.plays.stepsBySegment)) checkSegments(bySegment ?? {}, ['plays', 'stepsBySegment', play]);
  checkSegments(config.health.components.cadence.expectedTouchesBySegment, ['health', 'components', 'cadence', 'expectedTouchesBySegment']);
  const criteria = config.fit.good.length + config.fit.bad.length;
  if (criteria > cardLimits.fitCriteria) {
    ctx.addIssue({ code: 'custom', path: ['fit', 'bad'], message: `good and bad rules together must be at most ${cardLimits.fitCriteria} (the card shows that many), found ${criteria}` });
  }
  const seen = new Set<string>();
  config.milestones.items.forEach((item, index) => {
    if (seen.has(item.key)) ctx.addIssue({ code: 'custom', path: ['milestones', 'items', index, 'key'], message: `duplicate milestone key "${item.key}"` });
    seen.add(item.key);
  });
  config.segments.forEach((segment, index) => {
    const last = index === config.segments.length - 1;
    if (last !== (segment.maxArr === null)) {
      ctx.addIssue({ code: 'custom', path: ['segments', index, 'maxArr'], message: last ? 'the last segment must have maxArr null' : 'only the last segment may have maxArr null' });
    }
  });
});

export type ScoringConfig = z.infer<typeof scoringConfigSchema>;
export type ScoringConfigInput = z.input<typeof scoringConfigSchema>;
export type ConfigIssue = { path: string; message: string };

export const formatIssues = (issues: readonly z.core.$ZodIssue[]): ConfigIssue[] =>
  issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));

export const parseScoringConfig = (input: unknown): Result<ScoringConfig, ConfigIssue[]> => {
  const parsed = scoringConfigSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(formatIssues(parsed.error.issues));
};
