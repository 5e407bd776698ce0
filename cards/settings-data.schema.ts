import { z } from 'zod';

// What the settings page reads from Waypoint's admin API (docs/admin-auth.md, README "Admin API"). The page edits
// a few parts of the scoring config; every other part travels through untouched (loose objects keep unknown keys).

const option = z.object({ label: z.string(), value: z.string() });
export const portalPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string().nullable(),
  group: z.string().nullable(),
  hubspotDefined: z.boolean(),
  options: z.array(option),
});
export type PortalProperty = z.infer<typeof portalPropertySchema>;

const objectProperties = z.union([
  z.object({ available: z.literal(true), properties: z.array(portalPropertySchema) }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export const propertiesResponseSchema = z.object({
  fetchedAt: z.string(),
  objects: z.object({ companies: objectProperties, deals: objectProperties, contacts: objectProperties, feedback_submissions: objectProperties }),
});
export type PropertiesResponse = z.infer<typeof propertiesResponseSchema>;
export type SettingsObjectType = keyof PropertiesResponse['objects'];

export const fitCriterionSchema = z.union([
  z.object({ op: z.literal('in'), property: z.string(), values: z.array(z.string()) }),
  z.object({ op: z.literal('between'), property: z.string(), min: z.number(), max: z.number() }),
  z.object({ op: z.enum(['lt', 'gte']), property: z.string(), value: z.number() }),
]);
export type FitCriterion = z.infer<typeof fitCriterionSchema>;

export const milestoneConditionTypes = ['meeting', 'usage', 'depth', 'executive_contact', 'deal_won', 'property_set', 'manual'] as const;
const milestoneSchema = z.looseObject({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['functional', 'customer']),
  expectedDays: z.number(),
  condition: z.looseObject({ type: z.string() }),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const componentKeys = ['usage', 'cadence', 'engagement', 'support', 'sentiment', 'relationship', 'milestones', 'commercial', 'decline'] as const;
export type ComponentKey = (typeof componentKeys)[number];

const vetoSchema = z.object({ signal: z.string(), atLeast: z.number(), capStatus: z.enum(['yellow', 'red']) });
export type Veto = z.infer<typeof vetoSchema>;

export const editableConfigSchema = z.looseObject({
  customerFilter: z.object({ property: z.string(), values: z.array(z.string()) }),
  properties: z.record(z.string(), z.string()),
  fit: z.object({ good: z.array(fitCriterionSchema), bad: z.array(fitCriterionSchema) }),
  segments: z.array(z.object({ key: z.string(), maxArr: z.number().nullable() })),
  /** Segments by an enumeration property instead of ARR; optional so a backend from before it still loads the page. */
  segmentBy: z.object({ property: z.string().nullable(), valuesBySegment: z.record(z.string(), z.array(z.string())) }).optional(),
  milestones: z.looseObject({ items: z.array(milestoneSchema) }),
  health: z.looseObject({
    components: z.record(z.string(), z.looseObject({ weight: z.number() })),
    weightsBySegment: z.record(z.string(), z.record(z.string(), z.number())),
    weightsByStage: z.record(z.string(), z.record(z.string(), z.number())),
    status: z.object({ green: z.number(), yellow: z.number() }),
    /** A segment's own bands; optional so a backend from before them still loads the page. */
    statusBySegment: z.record(z.string(), z.object({ green: z.number(), yellow: z.number() })).optional(),
    vetoes: z.array(vetoSchema),
  }),
  dark: z.object({ defaultDays: z.number(), bySegment: z.record(z.string(), z.number()) }),
  /** Deal kinds and the departed-contact signal; optional so a backend from before them still loads the page. */
  deals: z.looseObject({ typeProperty: z.string(), renewal: z.array(z.string()), expansion: z.array(z.string()), contraction: z.array(z.string()) }).optional(),
  contacts: z.looseObject({ departedProperty: z.string().nullable(), departedValues: z.array(z.string()) }).optional(),
  /** Which feedback-submission properties hold the survey type and the NPS/CSAT answer. */
  feedback: z.looseObject({ typeProperty: z.string(), valueProperty: z.string(), npsTypes: z.array(z.string()), csatTypes: z.array(z.string()) }).optional(),
});
export type EditableConfig = z.infer<typeof editableConfigSchema>;

const heldOut = z.looseObject({ healthAuc: z.number().nullable(), churnedWhileGreen: z.number().nullable(), greenShare: z.number().nullable() });
const proposalSchema = z.object({
  health: z.object({
    components: z.record(z.string(), z.object({ weight: z.number() })),
    weightsBySegment: z.record(z.string(), z.record(z.string(), z.number())),
    /** The stage overrides as refined with the weights; absent from a backend (or a stored proposal) from before them. */
    weightsByStage: z.record(z.string(), z.record(z.string(), z.number())).default({}),
    status: z.object({ green: z.number(), yellow: z.number() }),
    statusBySegment: z.record(z.string(), z.object({ green: z.number(), yellow: z.number() })),
  }),
});
export type CalibrationProposal = z.infer<typeof proposalSchema>;
/** GET …/backtest: only what the health section needs of the calibration (the full shape is the backend's backtestResponseSchema). */
export const backtestAnswerSchema = z.union([
  z.looseObject({ status: z.literal('computing') }),
  z.looseObject({
    status: z.literal('ready'),
    computedAt: z.string(),
    calibration: z.union([
      z.looseObject({ ok: z.literal(false), reason: z.string() }),
      z.looseObject({
        ok: z.literal(true),
        holdout: z.looseObject({ cutoffs: z.array(z.string()) }),
        current: z.looseObject({ holdout: heldOut }),
        proposed: z.looseObject({ holdout: heldOut }),
        partialConfig: proposalSchema,
      }),
    ]),
  }),
]);
export type BacktestAnswer = z.infer<typeof backtestAnswerSchema>;

export const configResponseSchema = z.object({ version: z.number().nullable(), isDefault: z.boolean(), config: editableConfigSchema });

const move = z.object({ from: z.union([z.string(), z.boolean()]), to: z.union([z.string(), z.boolean()]) });
export const dryRunReportSchema = z.object({
  currentVersion: z.number().nullable(),
  companies: z.number(),
  customerChanged: z.number(),
  fitChanged: z.number(),
  cohortChanged: z.number(),
  statusChanged: z.number(),
  playChanged: z.number(),
  writeBack: z.object({ properties: z.number(), companies: z.number() }),
  changes: z.array(z.object({
    companyId: z.string(), name: z.string(), reason: z.string(), propertiesChanged: z.number(),
    customer: move.optional(), fit: move.optional(), cohort: move.optional(), status: move.optional(), play: move.optional(),
  })),
  changesTruncated: z.boolean(),
  unsyncedProperties: z.array(z.string()).default([]),
});
export type DryRunReport = z.infer<typeof dryRunReportSchema>;
export const dryRunRunningSchema = z.object({
  status: z.literal('running'), dryRunId: z.string(),
  progress: z.object({ phase: z.string(), companiesDone: z.number() }).nullable(),
});

export const fitCountsSchema = z.object({
  customers: z.number(), good: z.array(z.number()), bad: z.array(z.number()),
  fit: z.object({ good: z.number(), stretch: z.number(), bad: z.number() }),
});
export type FitCounts = z.infer<typeof fitCountsSchema>;

const author = z.looseObject({ kind: z.string(), userId: z.number().optional(), email: z.string().nullable().optional(), keyPrefix: z.string().optional() });
export const versionSchema = z.object({ version: z.number(), savedAt: z.string(), savedBy: author });
export type ConfigVersion = z.infer<typeof versionSchema>;
export const versionsResponseSchema = z.object({ versions: z.array(versionSchema) });
export const savedResponseSchema = z.object({ version: z.number() });

export const apiKeySchema = z.object({
  id: z.number(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeysResponseSchema = z.object({ keys: z.array(apiKeySchema) });
export const mintedKeySchema = z.object({ key: z.string(), apiKey: apiKeySchema });

export const validationErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional(), details: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
});

// The data-coverage report of the last whole-portal scoring run, as GET .../sync-status serves it (dataCoverage).
export const dataCoverageSchema = z.object({
  computedAt: z.string(),
  customers: z.number(),
  inputs: z.array(z.object({ key: z.string(), label: z.string(), customers: z.number(), share: z.number(), fill: z.string() })),
  components: z.array(z.object({
    key: z.string(), missing: z.number(), share: z.number(),
    reasons: z.array(z.object({ reason: z.string(), customers: z.number() })), fill: z.string().nullable(),
  })),
});
export type DataCoverage = z.infer<typeof dataCoverageSchema>;
/** Of the star-pupil profile, what the milestones section uses: every segment's pupils' median days to each milestone. */
export const starPupilDaysSchema = z.looseObject({
  profile: z.looseObject({ overall: z.looseObject({ pupils: z.number().int(), medianDaysTo: z.record(z.string(), z.number().nullable()) }).nullable() }).nullable(),
});
export type StarPupilDays = NonNullable<NonNullable<z.infer<typeof starPupilDaysSchema>['profile']>['overall']>;
export const syncStatusCoverageSchema = z.looseObject({ dataCoverage: dataCoverageSchema.nullable().optional() });
