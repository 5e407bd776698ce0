import { isAppError } from '../shared/errors.ts';
import { batchPath, objectPath, objectsPath, type CrmObjectType } from './api-version.ts';
import { failuresFromBatchErrors, type BatchFailure } from './batch-failures.ts';
import { chunksOf, nextAfter, requirePageSize } from './chunks.ts';
import type { PortalRequest } from './request.ts';
import { batchObjectsResponseSchema, hubSpotObjectSchema, listPageSchema, type HubSpotObject } from './schemas.ts';

export const LIST_PAGE_MAX = 100;
export const BATCH_MAX = 100;

export interface ListObjectsOptions {
  properties: readonly string[];
  /** Object types whose associated ids come back on each record. */
  associations?: readonly CrmObjectType[];
  /** Resume from a checkpointed cursor. */
  after?: string;
  pageSize?: number;
}

export interface ObjectPage {
  results: HubSpotObject[];
  /** The cursor of the next page; undefined on the last page. Checkpoint it to resume. */
  nextAfter: string | undefined;
}

// GET /crm/objects/2026-03/{type}: cursor paging via paging.next.after, at most 100 per page.
export async function* listObjects(request: PortalRequest, type: CrmObjectType, options: ListObjectsOptions): AsyncGenerator<ObjectPage> {
  const limit = requirePageSize(options.pageSize ?? LIST_PAGE_MAX, LIST_PAGE_MAX);
  let after = options.after;
  do {
    const page = await request({
      method: 'GET',
      path: objectsPath(type),
      query: { limit, after, properties: options.properties, associations: options.associations, archived: false },
      schema: listPageSchema,
    });
    after = nextAfter(page, after, `GET ${objectsPath(type)}`);
    yield { results: page.results, nextAfter: after };
  } while (after !== undefined);
}

export const getObject = (request: PortalRequest, type: CrmObjectType, id: string, properties: readonly string[]): Promise<HubSpotObject> =>
  request({ method: 'GET', path: objectPath(type, id), endpoint: `GET ${objectsPath(type)}/{id}`, query: { properties }, schema: hubSpotObjectSchema });

export interface BatchReadResult {
  results: HubSpotObject[];
  /** Ids HubSpot could not return (e.g. deleted since), each with its coded reason. */
  failed: BatchFailure[];
}

// POST .../batch/read: at most 100 inputs; a 207 lists the ids it could not read in errors[].
export const batchRead = async (
  request: PortalRequest, type: CrmObjectType, ids: readonly string[], properties: readonly string[],
): Promise<BatchReadResult> => {
  const outcome: BatchReadResult = { results: [], failed: [] };
  for (const chunk of chunksOf([...new Set(ids)], BATCH_MAX)) {
    const response = await request({
      method: 'POST', path: batchPath(type, 'read'), body: { inputs: chunk.map((id) => ({ id })), properties }, schema: batchObjectsResponseSchema,
    });
    outcome.results.push(...response.results);
    outcome.failed.push(...failuresFromBatchErrors(response.errors ?? [], chunk, new Set(response.results.map((r) => r.id))));
  }
  return outcome;
};

export interface BatchUpdateInput {
  id: string;
  properties: Record<string, string | null>;
}

export interface BatchUpdateResult {
  updated: string[];
  failed: BatchFailure[];
}

// Whole-batch rejections that concern the inputs, not the portal: report them per id and carry on with the next chunk.
const inputRejections = new Set(['HUBSPOT_VALIDATION', 'HUBSPOT_NOT_FOUND', 'HUBSPOT_CONFLICT']);

// POST .../batch/update: at most 100 inputs; 200 when all succeed, 207 with errors[] naming failed ids otherwise.
export const batchUpdate = async (
  request: PortalRequest, type: CrmObjectType, inputs: readonly BatchUpdateInput[],
): Promise<BatchUpdateResult> => {
  const outcome: BatchUpdateResult = { updated: [], failed: [] };
  for (const chunk of chunksOf(inputs, BATCH_MAX)) {
    const ids = chunk.map((input) => input.id);
    try {
      const response = await request({
        method: 'POST', path: batchPath(type, 'update'), body: { inputs: chunk }, schema: batchObjectsResponseSchema,
      });
      const updated = new Set(response.results.map((r) => r.id));
      outcome.updated.push(...ids.filter((id) => updated.has(id)));
      outcome.failed.push(...failuresFromBatchErrors(response.errors ?? [], ids, updated));
    } catch (error) {
      if (!isAppError(error) || !inputRejections.has(error.code)) throw error;
      outcome.failed.push(...ids.map((id) => ({ id, code: error.code, message: error.message })));
    }
  }
  return outcome;
};

export interface NewAssociation {
  toId: string;
  associationTypeId: number;
  associationCategory?: 'HUBSPOT_DEFINED' | 'USER_DEFINED';
}

/** HubSpot-defined association type of a task to a company. */
export const TASK_TO_COMPANY_ASSOCIATION_TYPE_ID = 192;

export interface CreateObjectInput {
  properties: Record<string, string>;
  associations?: readonly NewAssociation[];
}

// POST /crm/objects/2026-03/{type} -> 201 with the created object (Waypoint creates tasks only).
export const createObject = (request: PortalRequest, type: CrmObjectType, input: CreateObjectInput): Promise<HubSpotObject> =>
  request({
    method: 'POST',
    path: objectsPath(type),
    body: {
      properties: input.properties,
      associations: (input.associations ?? []).map((a) => ({
        to: { id: a.toId },
        types: [{ associationCategory: a.associationCategory ?? 'HUBSPOT_DEFINED', associationTypeId: a.associationTypeId }],
      })),
    },
    schema: hubSpotObjectSchema,
  });
