import { z } from 'zod';
import { backtestResponseSchema } from '../../backtest/backtest.schema.ts';
import { scoringConfigSchema } from '../../scoring/config.schema.ts';
import { starPupilProfileSchema } from '../../scoring/star-pupils.ts';
import { webhookBatchSchema } from '../../sync/webhook-events.ts';
import { cardDataSchema, companyMilestoneBodySchema, createTaskBodySchema, csmSentimentBodySchema, desiredOutcomeBodySchema, markMilestoneBodySchema, playOutcomeBodySchema } from '../cards/card-data.schema.ts';
import { backtestQuerySchema } from '../routes/get-backtest.ts';
import { rowSchema } from '../routes/post-usage.ts';
import type { Operation, Reply, Security } from './operation.ts';
import { portfolioOperations } from './portfolio-operations.ts';
import * as s from './schemas.ts';

export type { Operation } from './operation.ts';

const portalId = z.string().regex(/^\d+$/).describe('The HubSpot portal (hub) id');
const cardQuery = {
  portalId: { description: 'HubSpot adds it to every hubspot.fetch', schema: z.string().regex(/^\d{1,15}$/), required: true },
  objectId: { description: 'The company record the card is on', schema: z.string().regex(/^\d{1,20}$/), required: true },
};
const error = (description: string): Reply => ({ description, schema: s.errorBodySchema });
const json = (description: string, schema: z.ZodType): Reply => ({ description, schema });
const admin: Security[] = ['apiKey', 'hubspotSignature'];
const adminErrors = { 401: error('No API key or signature, or a wrong one'), 403: error('The key or signature belongs to another portal') };
const signedErrors = { 401: error('Missing, stale or wrong X-HubSpot-Signature-v3') };
const scoringConfigPath = '/api/v1/portals/{portalId}/scoring-config';
const dryRunReplies = {
  200: json('Done within the request: counts of what would change', s.dryRunReportSchema),
  202: json('Still running: poll .../dry-runs/{dryRunId}', s.dryRunRunningSchema),
  400: error('Invalid config'), ...adminErrors,
  500: error('The dry run stopped: over its time budget (DRY_RUN_TIMED_OUT) or its process died (DRY_RUN_LOST, start it again)'),
};
const apiKeysPath = '/api/v1/portals/{portalId}/api-keys';
// The row's date bound moves with the clock, but only inside a refinement JSON Schema cannot carry: any instant gives
// the same document.
const usageRow = rowSchema(new Date(0));
const usageBody = z.union([z.array(usageRow).min(1).max(5_000), z.object({ rows: z.array(usageRow).min(1).max(5_000) })]);

/** Every route Waypoint serves; the route-coverage test fails when a router gains a path that is not listed here. */
export const operations: Operation[] = [
  { method: 'get', path: '/healthz', tag: 'operations', summary: 'The process is up', responses: { 200: json('Up', s.okSchema) } },
  {
    method: 'get', path: '/readyz', tag: 'operations', summary: 'The store answers, its schema is current, the encryption key opens its tokens and the process is not draining',
    responses: { 200: json('Ready for traffic', s.readySchema), 503: json('Not ready (draining after SIGTERM, store down, migrations pending, wrong encryption key)', s.notReadySchema) },
  },
  {
    method: 'get', path: '/metrics', tag: 'operations', summary: 'Prometheus metrics (bearer METRICS_TOKEN when set)',
    responses: { 200: { description: 'Prometheus text exposition format', contentType: 'text/plain' }, 401: error('METRICS_TOKEN is set and was not sent') },
  },
  { method: 'get', path: '/openapi.json', tag: 'operations', summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1 document', contentType: 'application/json' } } },
  {
    method: 'get', path: '/oauth/install', tag: 'install', summary: 'Starts the install: redirects the admin to HubSpot\'s consent page with a signed state',
    responses: { 302: { description: 'To HubSpot\'s authorize URL' } },
  },
  {
    method: 'get', path: '/oauth/callback', tag: 'install', summary: 'HubSpot\'s redirect after consent: exchanges the code, stores tokens, provisions properties, enqueues the first full sync',
    query: { code: { description: 'Authorization code', schema: z.string() }, state: { description: 'The state /oauth/install signed', schema: z.string() } },
    responses: { 200: { description: 'An HTML page saying the install is done', contentType: 'text/html' }, 400: { description: 'An HTML page (or JSON for Accept: application/json) naming what failed', contentType: 'text/html' } },
  },
  {
    method: 'post', path: '/webhooks/hubspot', tag: 'hubspot', summary: 'HubSpot webhook batches: verified, stored once per eventId, processed by a job',
    security: ['hubspotSignature'], body: webhookBatchSchema,
    responses: { 200: json('Stored', s.webhookResultSchema), 400: error('Not a webhook batch'), ...signedErrors },
  },
  {
    method: 'get', path: '/api/cards/company', tag: 'card', summary: 'The company card\'s data, from the store only', security: ['hubspotSignature'], query: cardQuery,
    responses: { 200: json('The card', cardDataSchema), 400: error('portalId or objectId missing or malformed'), ...signedErrors, 403: error('The portal is not installed') },
  },
  {
    method: 'post', path: '/api/cards/actions/create-task', tag: 'card', summary: 'Creates the next play\'s task on the company in HubSpot',
    security: ['hubspotSignature'], query: cardQuery, body: createTaskBodySchema,
    responses: { 200: json('Created (or the one already created for this play)', s.taskCreatedSchema), 400: error('Unknown play'), ...signedErrors },
  },
  {
    method: 'post', path: '/api/cards/actions/mark-milestone', tag: 'card', summary: 'Marks a customer milestone done by hand',
    security: ['hubspotSignature'], query: cardQuery, body: markMilestoneBodySchema,
    responses: { 200: json('Recorded', s.okSchema), 400: error('Unknown milestone'), ...signedErrors },
  },
  {
    method: 'post', path: '/api/cards/actions/play-outcome', tag: 'card', summary: 'Records a play as done or skipped, with the outcome of an advocacy ask',
    security: ['hubspotSignature'], query: cardQuery, body: playOutcomeBodySchema,
    responses: { 200: json('Recorded and rescored', s.okSchema), 400: error('Invalid outcome'), ...signedErrors },
  },
  {
    method: 'post', path: '/api/cards/actions/csm-sentiment', tag: 'card', summary: 'Sets the CSM sentiment (with a note) and rescores; a repeat of the same request takes effect once',
    security: ['hubspotSignature'], query: cardQuery, body: csmSentimentBodySchema,
    responses: { 200: json('Recorded and rescored', s.okSchema), 400: error('Invalid sentiment, note or user'), ...signedErrors },
  },
  {
    method: 'post', path: '/api/cards/actions/desired-outcome', tag: 'card', summary: 'Sets the customer\'s desired outcome (metric, baseline, target by a date, where the current value comes from) and rescores',
    security: ['hubspotSignature'], query: cardQuery, body: desiredOutcomeBodySchema,
    responses: { 200: json('Recorded and rescored', s.okSchema), 400: error('A field missing or out of range, or a property the portal does not list'), ...signedErrors },
  },
  {
    method: 'post', path: '/api/cards/actions/company-milestone', tag: 'card', summary: 'Adds a milestone for this customer alone (or changes one, given its key) and rescores',
    security: ['hubspotSignature'], query: cardQuery, body: companyMilestoneBodySchema,
    responses: { 200: json('Saved and rescored', s.okSchema), 400: error('A key of the portal\'s plan, an unknown key, a bad date, or too many milestones'), ...signedErrors },
  },
  {
    method: 'post', path: '/api/cards/actions/remove-company-milestone', tag: 'card', summary: 'Removes a milestone defined for this customer and rescores',
    security: ['hubspotSignature'], query: cardQuery, body: markMilestoneBodySchema,
    responses: { 200: json('Removed and rescored', s.okSchema), 400: error('Not a milestone defined for this customer'), ...signedErrors },
  },
  {
    method: 'post', path: '/api/cards/actions/rescore', tag: 'card', summary: 'Asks for the company to be scored again now', security: ['hubspotSignature'], query: cardQuery,
    responses: { 200: json('Queued', s.okSchema), ...signedErrors },
  },
  {
    method: 'get', path: scoringConfigPath, tag: 'admin', summary: 'The portal\'s scoring config in force (the default until one is saved)', security: admin,
    responses: { 200: json('Config and version', s.scoringConfigResponseSchema), ...adminErrors },
  },
  {
    method: 'put', path: scoringConfigPath, tag: 'admin', summary: 'Saves a new version: the body is merged over the current config; cards are rescored', security: admin,
    body: s.partialConfigBodySchema,
    responses: { 200: json('Saved', s.savedConfigSchema), 400: error('Invalid config: details lists each field and why'), ...adminErrors },
  },
  {
    method: 'post', path: `${scoringConfigPath}/dry-run`, tag: 'admin', summary: 'What a draft (merged over the current config) would change, without saving or writing anything',
    security: admin, body: s.partialConfigBodySchema, responses: dryRunReplies,
  },
  {
    method: 'get', path: `${scoringConfigPath}/dry-runs/{dryRunId}`, tag: 'admin', summary: 'A dry run that outlasted its request: its progress, then its report', security: admin,
    responses: { ...dryRunReplies, 404: error('No such dry run of this portal, or it expired') },
  },
  {
    method: 'get', path: `${scoringConfigPath}/versions`, tag: 'admin', summary: 'The saved versions, newest first, with who saved each', security: admin,
    responses: { 200: json('Versions', s.configVersionListSchema), ...adminErrors },
  },
  {
    method: 'get', path: `${scoringConfigPath}/versions/{version}`, tag: 'admin', summary: 'One saved version with its config', security: admin,
    responses: { 200: json('The version', s.configVersionSchema), 404: error('No such version'), ...adminErrors },
  },
  {
    method: 'post', path: `${scoringConfigPath}/versions/{version}/dry-run`, tag: 'admin', summary: 'What rolling back to this version would change', security: admin,
    responses: { ...dryRunReplies, 404: error('No such version') },
  },
  {
    method: 'post', path: `${scoringConfigPath}/versions/{version}/rollback`, tag: 'admin', summary: 'Saves this version\'s config as the newest version', security: admin,
    responses: { 200: json('Saved', s.savedConfigSchema), 404: error('No such version'), ...adminErrors },
  },
  {
    method: 'post', path: `${scoringConfigPath}/fit-counts`, tag: 'admin', summary: 'How many customers each fit rule of a (partial) draft matches', security: admin,
    body: s.partialConfigBodySchema, responses: { 200: json('Counts per rule', s.fitCountsSchema), 400: error('Invalid config'), ...adminErrors },
  },
  {
    method: 'get', path: '/api/v1/portals/{portalId}/properties', tag: 'admin', summary: 'The portal\'s properties with HubSpot\'s labels, read through the door and cached a minute',
    security: admin, responses: { 200: json('Properties per object type', s.portalPropertiesSchema), ...adminErrors },
  },
  {
    method: 'get', path: '/api/v1/portals/{portalId}/sync-status', tag: 'admin', summary: 'The running sync\'s progress and recent runs', security: admin,
    responses: { 200: json('Sync status', s.syncStatusSchema), ...adminErrors },
  },
  ...portfolioOperations,
  {
    method: 'get', path: '/api/v1/portals/{portalId}/backtest', tag: 'portfolio', security: admin,
    summary: 'The stored backtest (health at past monthly cutoffs against churn after) and its calibration proposal; a missing, day-old or other-config one is recomputed by a job',
    query: { horizon: { description: backtestQuerySchema.shape.horizon.description ?? 'horizon', schema: backtestQuerySchema.shape.horizon } },
    responses: {
      200: json('The stored backtest (refreshing: a newer one is being computed)', backtestResponseSchema),
      202: json('Nothing computed yet; the job is queued: ask again in a few minutes', backtestResponseSchema),
      400: error('The horizon is not 90 or 180'), ...adminErrors,
    },
  },
  {
    method: 'get', path: '/api/v1/portals/{portalId}/star-pupils', tag: 'portfolio', security: admin,
    summary: 'The star-pupil profile per segment: median days to each milestone, usage depth and breadth, cadence and features of good-fit customers who renewed or expanded',
    responses: {
      200: json('The profile from the last whole-portal scoring run (null before it)', z.object({ portalId: z.number().int(), profile: starPupilProfileSchema.nullable() })),
      ...adminErrors,
    },
  },
  {
    method: 'delete', path: '/api/v1/portals/{portalId}/data', tag: 'admin', summary: 'Erases everything stored for the portal (after uninstall)', security: admin,
    responses: { 200: json('Rows removed per table', s.deletedDataSchema), 409: error('The app is still installed'), ...adminErrors },
  },
  {
    method: 'get', path: apiKeysPath, tag: 'admin', summary: 'The portal\'s API keys by prefix, with last use (HubSpot-signed requests only)', security: ['hubspotSignature'],
    responses: { 200: json('Keys', s.apiKeyListSchema), ...adminErrors },
  },
  {
    method: 'post', path: apiKeysPath, tag: 'admin', summary: 'Mints an API key; the key is in this answer and nowhere else', security: ['hubspotSignature'], body: s.apiKeyCreateBodySchema,
    responses: { 201: json('Minted', s.apiKeyMintedSchema), ...adminErrors },
  },
  {
    method: 'delete', path: `${apiKeysPath}/{prefix}`, tag: 'admin', summary: 'Revokes an API key at once', security: ['hubspotSignature'],
    responses: { 200: json('Revoked', s.apiKeyRevokedSchema), 404: error('No such key'), ...adminErrors },
  },
  {
    method: 'post', path: '/api/v1/usage', tag: 'usage', summary: 'Daily product-usage metrics per company (bad rows get their own error; good rows land)', security: ['apiKey'],
    body: usageBody,
    responses: { 200: json('Accepted rows and per-row errors', s.usageResultSchema), 400: error('No valid row'), 401: error('No or unknown API key') },
  },
  { method: 'get', path: '/preview', tag: 'sandbox', summary: 'Sandbox only: the worklist a CSM sees', responses: { 200: { description: 'HTML page', contentType: 'text/html' } } },
  {
    method: 'get', path: '/preview/companies/{id}', tag: 'sandbox', summary: 'Sandbox only: one company\'s card as a page',
    responses: { 200: { description: 'HTML page', contentType: 'text/html' }, 404: { description: 'No such company', contentType: 'text/html' } },
  },
  { method: 'get', path: '/preview/portfolio', tag: 'sandbox', summary: 'Sandbox only: the portfolio\'s cohorts by segment', responses: { 200: { description: 'HTML page', contentType: 'text/html' } } },
  {
    method: 'get', path: '/preview/portfolio/{section}.csv', tag: 'sandbox', summary: 'Sandbox only: one portfolio section\'s table as CSV, as its endpoint answers ?format=csv',
    responses: { 200: { description: 'RFC 4180 CSV', contentType: 'text/csv' }, 404: { description: 'No such section', contentType: 'application/json' } },
  },
  { method: 'get', path: '/preview/settings', tag: 'sandbox', summary: 'Sandbox only: the settings page\'s sections, read-only', responses: { 200: { description: 'HTML page', contentType: 'text/html' } } },
];

// Schemas used in several operations are written once under components.schemas and referenced; a request body
// is the schema's input side (defaults optional), a response its output side, so the two get separate names.
const shared = z.registry<{ id: string }>();
shared.add(scoringConfigSchema, { id: 'ScoringConfig' });
shared.add(cardDataSchema, { id: 'CardData' });
shared.add(s.errorBodySchema, { id: 'Error' });

const componentName = (id: string, io: 'input' | 'output') => (io === 'input' ? `${id}Input` : id);

const converter = (components: Record<string, unknown>) => (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', metadata: shared, reused: 'inline' }) as Record<string, unknown>;
  const text = JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/').replace(/"#\/components\/schemas\/(\w+)"/g, (_m, id: string) => `"#/components/schemas/${componentName(id, io)}"`);
  const { $schema: _schema, $defs, id: ownId, ...rest } = JSON.parse(text) as Record<string, unknown> & { $defs?: Record<string, unknown>; id?: string };
  for (const [id, def] of Object.entries($defs ?? {})) {
    const { id: _id, ...body } = def as Record<string, unknown>;
    components[componentName(id, io)] = body;
  }
  if (typeof ownId === 'string') {
    components[componentName(ownId, io)] = rest;
    return { $ref: `#/components/schemas/${componentName(ownId, io)}` };
  }
  return rest;
};

const pathParams = (path: string, toJsonSchema: ReturnType<typeof converter>) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
  name: m[1], in: 'path', required: true, schema: toJsonSchema(m[1] === 'portalId' ? portalId : z.string(), 'input'),
}));

/** Waypoint's own HTTP API as an OpenAPI 3.1 document, built from the zod schemas the routes parse with. */
export const openApiDocument = (): Record<string, unknown> => {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  const toJsonSchema = converter(schemas);
  for (const op of operations) {
    const parameters = [
      ...pathParams(op.path, toJsonSchema),
      ...Object.entries(op.query ?? {}).map(([name, p]) => ({ name, in: 'query', required: p.required ?? false, description: p.description, schema: toJsonSchema(p.schema, 'input') })),
    ];
    (paths[op.path] ??= {})[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      ...(op.security ? { security: op.security.map((name) => ({ [name]: [] })) } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(op.body, 'input') } } } } : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, reply]) => [status, {
        description: reply.description,
        ...(reply.schema ? { content: { [reply.contentType ?? 'application/json']: { schema: toJsonSchema(reply.schema, 'output') } } }
          : reply.contentType ? { content: { [reply.contentType]: {} } } : {}),
      }])),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Waypoint', version: '1.0.0', description: 'Waypoint\'s own HTTP API: HubSpot\'s callbacks (OAuth, webhooks, card fetches), the admin API and operations endpoints.' },
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'A per-portal API key (wp_...), minted in the settings page or with npm run waypoint -- api-key create' },
        hubspotSignature: { type: 'apiKey', in: 'header', name: 'X-HubSpot-Signature-v3', description: 'HubSpot\'s v3 request signature with X-HubSpot-Request-Timestamp' },
      },
    },
    paths,
  };
};

export const openApiJson = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
