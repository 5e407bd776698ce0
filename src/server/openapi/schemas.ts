import { z } from 'zod';
import { cohorts, scoringConfigSchema } from '../../scoring/config.schema.ts';
import { dataCoverageSchema } from '../../scoring/coverage.ts';

// Response shapes the routes build inline (object literals in their handlers). Written here as zod so the document
// is generated from one kind of source; tests/server/openapi.test.ts holds real answers against some of them.

export const errorBodySchema = z.object({
  error: z.object({ code: z.string().describe('Stable code from the error catalogue, e.g. VALIDATION_FAILED'), message: z.string(), details: z.unknown().optional() }),
});

export const okSchema = z.object({ status: z.literal('ok') });

export const readySchema = z.object({ status: z.literal('ready'), store: z.enum(['pglite', 'postgres']) });
export const notReadySchema = z.object({
  status: z.literal('not_ready'), reason: z.enum(['draining', 'migrations pending', 'store unreachable', 'encryption key']), pending: z.array(z.string()).optional(),
  /** For 'encryption key': which key id does not open the store's tokens, and what to do. */
  detail: z.string().optional(),
});

export const scoringConfigResponseSchema = z.object({
  portalId: z.number().int(), version: z.number().int().nullable(), isDefault: z.boolean(), config: scoringConfigSchema,
});

// Loose: the report grows fields (per-company changes, write-back counts) faster than a document should pin them.
export const dryRunReportSchema = z.looseObject({
  currentVersion: z.number().int().nullable(),
  companies: z.number().int(),
  customerChanged: z.number().int(),
  cohortChanged: z.number().int(),
  statusChanged: z.number().int(),
  playChanged: z.number().int(),
  cohortMoves: z.record(z.string().describe('from->to'), z.number().int()),
});
export const dryRunRunningSchema = z.looseObject({
  status: z.literal('running'), dryRunId: z.string(), progress: z.object({ phase: z.enum(['current', 'proposed']), companiesDone: z.number().int() }).nullable(),
});

export const partialConfigBodySchema = z.record(z.string(), z.unknown())
  .describe('Any part of a ScoringConfig: what it names is merged over the current config, everything else is kept');

const versionFields = { version: z.number().int(), savedAt: z.iso.datetime(), savedBy: z.unknown().describe('Who saved it: API key prefix or HubSpot user') };
export const savedConfigSchema = z.looseObject({ portalId: z.number().int(), isDefault: z.literal(false), config: scoringConfigSchema, ...versionFields });
export const configVersionSchema = z.looseObject({ ...versionFields, config: scoringConfigSchema });
export const configVersionListSchema = z.object({ portalId: z.number().int(), versions: z.array(z.looseObject(versionFields)) });

const syncRunSchema = z.object({
  id: z.number().int(), portalId: z.number().int(), kind: z.enum(['full', 'incremental', 'webhook']),
  status: z.enum(['running', 'succeeded', 'failed']), startedAt: z.iso.datetime(), finishedAt: z.iso.datetime().nullable(),
  progress: z.record(z.string(), z.unknown()), strategy: z.record(z.string(), z.unknown()), error: z.string().nullable(),
});

// Loose, like the dry-run report: the answer gains fields as the product grows.
export const syncStatusSchema = z.looseObject({
  portalId: z.number().int(),
  running: syncRunSchema.nullable(),
  lastSucceeded: syncRunSchema.nullable(),
  interruptedFullSync: z.boolean(),
  recentRuns: z.array(syncRunSchema),
  dataCoverage: dataCoverageSchema.nullable().describe('From the last whole-portal scoring run; null before the first'),
  backfill: z.object({
    portalId: z.number().int(), anchorAt: z.string(), points: z.number().int(), intervalDays: z.number().int(),
    status: z.enum(['running', 'done']), companiesTotal: z.number().int(), companiesDone: z.number().int(), cardsStored: z.number().int(),
    lastCompanyId: z.string().nullable(), startedAt: z.string(), updatedAt: z.string(), finishedAt: z.string().nullable(),
  }).nullable().describe('History from day one: cards scored as of weekly points before the install; null until it starts'),
  watermarks: z.record(z.string().describe('object type'), z.unknown()),
});

export const usageResultSchema = z.object({
  accepted: z.number().int(), changedCompanies: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), field: z.string(), reason: z.string() })),
});

export const webhookResultSchema = z.object({ accepted: z.number().int(), duplicates: z.number().int(), ignored: z.number().int(), dropped: z.number().int().describe('events for portals that are not installed: answered, never stored') });

export const deletedDataSchema = z.object({ portalId: z.number().int(), deleted: z.record(z.string().describe('table'), z.number().int()) });

const apiKeySchema = z.object({
  id: z.number().int(), name: z.string(), prefix: z.string(), createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(), revokedAt: z.iso.datetime().nullable(),
});
export const apiKeyListSchema = z.object({ keys: z.array(apiKeySchema) });
export const apiKeyMintedSchema = z.object({ key: z.string().describe('The key itself: shown in this answer only'), apiKey: apiKeySchema });
export const apiKeyRevokedSchema = z.object({ apiKey: apiKeySchema });
export const apiKeyCreateBodySchema = z.object({ name: z.string().optional() });

export const portalPropertiesSchema = z.looseObject({
  fetchedAt: z.iso.datetime(),
  objects: z.record(z.string().describe('companies, deals, contacts, feedback_submissions'), z.unknown().describe('The object type\'s properties with HubSpot\'s labels, types and options')),
});
export const fitCountsSchema = z.looseObject({}).describe('How many customers each fit rule of the draft matches');

export const taskCreatedSchema = z.object({ status: z.literal('ok'), taskId: z.string() });

const segmentCounts = { segment: z.string(), customers: z.number().int(), arr: z.number().describe('sum of the ARR property; a value that is not a number adds nothing') };
export const portfolioCohortsSchema = z.object({
  portalId: z.number().int(),
  arrProperty: z.string().describe('the company property read as ARR (the scoring config\'s)'),
  cells: z.array(z.object({ ...segmentCounts, cohort: z.enum(cohorts) })).describe('current customers only, by their latest score card'),
  churned: z.array(z.object(segmentCounts)).describe('churned customers per segment, never in a cohort'),
});
