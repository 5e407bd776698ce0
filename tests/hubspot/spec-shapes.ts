import { z } from 'zod';

// HubSpot's published contract for what Waypoint reads, written as zod from the 2026-03 OpenAPI specs (CRM objects,
// search, associations, properties; OAuth v3): each schema's required fields and types, nothing stricter. Extra
// fields are allowed, as HubSpot adds them without notice. The fixtures and the emulator are both held to these.

const dateTime = z.iso.datetime({ offset: true });
const map = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

export const errorDetail = z.object({ message: z.string(), code: z.string().optional(), in: z.string().optional(), subCategory: z.string().optional(), context: map(z.array(z.string())).optional() });

/** components.schemas.Error: every non-batch error answer. */
export const errorShape = z.object({
  category: z.string(), correlationId: z.uuid(), message: z.string(),
  context: map(z.array(z.string())).optional(), errors: z.array(errorDetail).optional(), links: map(z.string()).optional(), subCategory: z.string().optional(),
});

/** components.schemas.StandardError: one failed input of a batch (207). */
export const standardError = z.object({
  status: z.string(), category: z.string(), message: z.string(), context: map(z.array(z.string())), errors: z.array(errorDetail), links: map(z.string()),
  id: z.string().optional(), subCategory: z.unknown().optional(),
});

const valueWithTimestamp = z.object({ value: z.string(), timestamp: dateTime, sourceType: z.string(), sourceId: z.string().optional(), sourceLabel: z.string().optional() });

export const simplePublicObject = z.object({
  id: z.string(), properties: map(z.string().nullable()), createdAt: dateTime, updatedAt: dateTime, archived: z.boolean(),
  archivedAt: dateTime.optional(), propertiesWithHistory: map(z.array(valueWithTimestamp)).optional(),
});
// The spec types property values as string; HubSpot sends null for a requested property that has no value, and so does
// the emulator: nullable above is that documented behaviour (emulator/README.md).

const nextPage = z.object({ after: z.string(), link: z.string().optional() });
export const listPage = z.object({
  results: z.array(simplePublicObject.extend({ associations: map(z.object({ results: z.array(z.object({ id: z.string(), type: z.string() })) })).optional() })),
  paging: z.object({ next: nextPage.optional() }).optional(),
});
export const searchPage = z.object({ total: z.number().int(), results: z.array(simplePublicObject), paging: z.object({ next: nextPage.optional() }).optional() });

const batchStatus = z.enum(['CANCELED', 'COMPLETE', 'PENDING', 'PROCESSING']);
export const batchResponse = z.object({ status: batchStatus, results: z.array(simplePublicObject), startedAt: dateTime, completedAt: dateTime, requestedAt: dateTime.optional(), links: map(z.string()).optional() });
export const batchResponseWithErrors = batchResponse.extend({ errors: z.array(standardError).optional(), numErrors: z.number().int().optional() });

const associationSpec = z.object({
  category: z.enum(['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED', 'WORK']), typeId: z.number().int(), label: z.string().optional(),
});
const associationResult = z.object({
  from: z.object({ id: z.string() }),
  to: z.array(z.object({ toObjectId: z.string(), associationTypes: z.array(associationSpec) })),
  paging: z.object({ next: nextPage.optional() }).optional(),
});
export const associationsBatch = z.object({
  status: batchStatus, results: z.array(associationResult), startedAt: dateTime, completedAt: dateTime,
  errors: z.array(standardError).optional(), numErrors: z.number().int().optional(),
});

const option = z.object({ label: z.string(), value: z.string(), hidden: z.boolean(), displayOrder: z.number().int().optional(), description: z.string().optional() });
export const property = z.object({
  name: z.string(), label: z.string(), type: z.string(), fieldType: z.string(), groupName: z.string(), description: z.string(), options: z.array(option),
  calculated: z.boolean().optional(), hidden: z.boolean().optional(), hubspotDefined: z.boolean().optional(), formField: z.boolean().optional(),
});
export const propertyList = z.object({ results: z.array(property) });

/** AccessTokenResponse (authorization_code and refresh_token grants). */
export const accessTokenResponse = z.object({
  access_token: z.string(), refresh_token: z.string(), expires_in: z.number().int(), token_type: z.string(), token_use: z.literal('access_token'),
  hub_id: z.number().int().optional(), scopes: z.array(z.string()).optional(), user_id: z.number().int().optional(),
});

/** PublicAccessTokenInfoResponse without signed_access_token, which the emulator does not make (emulator/README.md). */
export const accessTokenInfo = z.object({
  active: z.boolean(), token: z.string(), token_use: z.literal('access_token'), token_type: z.string(), hub_id: z.number().int(), app_id: z.number().int(),
  client_id: z.string(), user_id: z.number().int(), scopes: z.array(z.string()), expires_in: z.number().int(), is_private_distribution: z.boolean(),
  hub_domain: z.string().optional(), user: z.string().optional(),
});

/**
 * A 429 as HubSpot's rate-limit documentation shows it. The spec has no 429 answer and its default Error requires a
 * category this body lacks; the documented body is what HubSpot sends and what the door reads (policyName).
 */
export const rateLimitBody = z.object({
  status: z.literal('error'), message: z.string(), errorType: z.literal('RATE_LIMIT'), correlationId: z.uuid(), policyName: z.string(),
});

/** Owners API PublicOwner (GET /crm/owners/2026-03/{ownerId}): who a record's hubspot_owner_id names. */
export const publicOwner = z.object({
  id: z.string(), type: z.enum(['PERSON', 'QUEUE']), createdAt: dateTime, updatedAt: dateTime, archived: z.boolean(),
  email: z.string().optional(), firstName: z.string().optional(), lastName: z.string().optional(), userId: z.number().int().optional(),
  userIdIncludingInactive: z.number().int().optional(), teams: z.array(z.object({ id: z.string(), name: z.string(), primary: z.boolean() })).optional(),
});

/** Owners API CollectionResponsePublicOwnerForwardPaging (GET /crm/owners/2026-03): the portal's owners, a page at a time. */
export const ownersPage = z.object({
  results: z.array(publicOwner),
  paging: z.object({ next: z.object({ after: z.string(), link: z.string().optional() }).optional() }).optional(),
});
