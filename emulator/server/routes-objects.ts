import type { CrmRecord, ObjectType, Properties } from '../generator/index.ts';
import { objectTypes } from '../generator/index.ts';
import { associationTypeId } from './associations-catalog.ts';
import { bodyObject, inputsOf, listParam, objectTypeParam, requirePortal, type Handler, type PortalRuntime, type RequestContext } from './context.ts';
import { HubSpotHttpError, notFound, validationError } from './http-errors.ts';
import { coerceValue } from './property-schema.ts';
import { runSearch, type SearchRequest } from './search.ts';
import { toHubSpot } from './serialize.ts';

const readOnlyTypes = new Set<ObjectType>(['feedback_submissions']);

const assertWritable = (type: ObjectType): void => {
  if (readOnlyTypes.has(type)) throw new HubSpotHttpError(405, 'VALIDATION_ERROR', `${type} is read-only through the API`);
};

const associationsParam = (ctx: RequestContext): ObjectType[] =>
  (listParam(ctx, 'associations') ?? []).filter((t): t is ObjectType => (objectTypes as readonly string[]).includes(t));

// A StandardError of the spec's batch responses: status, category, message, context, errors and links all present.
const notFoundError = (type: ObjectType, ids: string[]) => ({
  status: 'error', category: 'OBJECT_NOT_FOUND', message: `Could not get some ${type} objects, they may be deleted or not exist. Check that ids are valid.`,
  context: { ids }, errors: [], links: {},
});

export const listObjects: Handler = (ctx) => {
  const { store, schema } = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  const limit = Number(ctx.url.searchParams.get('limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validationError('limit must be an integer between 1 and 100');
  const after = ctx.url.searchParams.get('after');
  if (after !== null && !/^\d+$/.test(after)) throw validationError(`after is not a valid paging cursor: ${after}`);
  const archived = ctx.url.searchParams.get('archived') === 'true';
  const page = store.page(type, after, limit, archived);
  const shape = { properties: listParam(ctx, 'properties'), propertiesWithHistory: listParam(ctx, 'propertiesWithHistory') ?? [], associations: associationsParam(ctx) };
  const body: Record<string, unknown> = { results: page.records.map((r) => toHubSpot(store, schema, type, r, shape)) };
  if (page.nextAfter !== null) {
    const link = new URL(ctx.url.pathname, ctx.url);
    link.searchParams.set('after', page.nextAfter);
    body.paging = { next: { after: page.nextAfter, link: link.toString() } };
  }
  return { status: 200, body };
};

export const getObject: Handler = (ctx) => {
  const { store, schema } = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  const record = store.get(type, ctx.params.id ?? '', ctx.url.searchParams.get('archived') === 'true');
  if (!record) throw notFound(`Object not found. objectId are usually numeric.`);
  const shape = { properties: listParam(ctx, 'properties'), propertiesWithHistory: listParam(ctx, 'propertiesWithHistory') ?? [], associations: associationsParam(ctx) };
  return { status: 200, body: toHubSpot(store, schema, type, record, shape) };
};

const batchEnvelope = (startedAt: string, results: unknown[], errors: unknown[]) => ({
  status: 200, body: errors.length === 0
    ? { status: 'COMPLETE', results, startedAt, completedAt: new Date().toISOString() }
    : { status: 'COMPLETE', results, errors, numErrors: errors.length, startedAt, completedAt: new Date().toISOString() },
});

const multiStatus = (startedAt: string, results: unknown[], errors: unknown[]) => {
  const reply = batchEnvelope(startedAt, results, errors);
  return { ...reply, status: errors.length === 0 ? 200 : 207 };
};

export const batchRead: Handler = (ctx) => {
  const { store, schema } = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  const startedAt = new Date().toISOString();
  const body = bodyObject(ctx);
  const inputs = inputsOf(body, 100);
  const properties = Array.isArray(body.properties) ? body.properties.map(String) : null;
  const withHistory = Array.isArray(body.propertiesWithHistory) ? body.propertiesWithHistory.map(String) : [];
  const found: unknown[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const id = String(input.id ?? '');
    const record = store.get(type, id, body.archived === true);
    if (record) found.push(toHubSpot(store, schema, type, record, { properties, propertiesWithHistory: withHistory }));
    else missing.push(id);
  }
  return multiStatus(startedAt, found, missing.length ? [notFoundError(type, missing)] : []);
};

/** Validates every property of every input first: HubSpot refuses the whole batch on an invalid value. */
const coerceAll = (runtime: PortalRuntime, type: ObjectType, inputs: Record<string, unknown>[]): Properties[] => {
  const problems: { message: string; name: string; error: string }[] = [];
  const coerced = inputs.map((input) => {
    const raw = input.properties;
    if (typeof raw !== 'object' || raw === null) throw validationError('every input needs a properties object');
    const out: Properties = {};
    for (const [name, value] of Object.entries(raw)) {
      const def = runtime.schema.get(type, name);
      if (!def) {
        problems.push({ message: `Property "${name}" does not exist`, name, error: 'PROPERTY_DOESNT_EXIST' });
        continue;
      }
      if (def.readOnlyValue) {
        problems.push({ message: `Property "${name}" is read-only`, name, error: 'READ_ONLY_VALUE' });
        continue;
      }
      const result = coerceValue(def, value);
      if ('error' in result) problems.push({ message: result.error, name, error: 'INVALID_OPTION' });
      else out[name] = result.value;
    }
    return out;
  });
  if (problems.length > 0) {
    throw validationError(`Property values were not valid: ${problems.map((p) => p.message).join('; ')}`, {
      errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
    });
  }
  return coerced;
};

const echoProperties = (record: CrmRecord, written: Properties): string[] =>
  [...Object.keys(written), 'hs_lastmodifieddate', 'hs_object_id', 'createdate'].filter((n) => n in record.properties);

export const batchUpdate: Handler = (ctx) => {
  const runtime = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  assertWritable(type);
  const startedAt = new Date().toISOString();
  const inputs = inputsOf(bodyObject(ctx), 100);
  const values = coerceAll(runtime, type, inputs);
  const results: unknown[] = [];
  const missing: string[] = [];
  inputs.forEach((input, i) => {
    const id = String(input.id ?? '');
    const written = values[i] ?? {};
    const record = runtime.store.update(type, id, written, ctx.source);
    if (record) results.push(toHubSpot(runtime.store, runtime.schema, type, record, { properties: echoProperties(record, written) }));
    else missing.push(id);
  });
  return multiStatus(startedAt, results, missing.length ? [notFoundError(type, missing)] : []);
};

export const updateObject: Handler = (ctx) => {
  const runtime = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  assertWritable(type);
  const [written = {}] = coerceAll(runtime, type, [bodyObject(ctx)]);
  const record = runtime.store.update(type, ctx.params.id ?? '', written, ctx.source);
  if (!record) throw notFound('Object not found. objectId are usually numeric.');
  return { status: 200, body: toHubSpot(runtime.store, runtime.schema, type, record, { properties: echoProperties(record, written) }) };
};

export const archiveObject: Handler = (ctx) => {
  const { store } = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  assertWritable(type);
  store.archive(type, ctx.params.id ?? '', ctx.source);
  return { status: 204 };
};

interface AssociationInput { to?: { id?: unknown }; types?: { associationCategory?: unknown; associationTypeId?: unknown }[] }

/** Create with HubSpot's inline associations; Waypoint uses it for tasks linked to a company (type 192). */
export const createObject: Handler = (ctx) => {
  const runtime = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  assertWritable(type);
  const body = bodyObject(ctx);
  const [props = {}] = coerceAll(runtime, type, [body]);
  if (type === 'tasks' && !props.hs_timestamp) throw validationError('hs_timestamp is required to create a task', { errors: [{ message: 'hs_timestamp is required', code: 'REQUIRED_PROPERTY' }] });
  let companyId: string | null = null;
  let contactId: string | null = null;
  for (const [i, assoc] of (Array.isArray(body.associations) ? (body.associations as AssociationInput[]) : []).entries()) {
    const toId = String(assoc.to?.id ?? '');
    for (const t of assoc.types ?? []) {
      const typeId = Number(t.associationTypeId);
      if (type !== 'companies' && typeId === associationTypeId(type, 'companies')) {
        if (!runtime.store.get('companies', toId)) throw validationError(`associations[${i}]: company ${toId} does not exist`);
        companyId = toId;
      } else if (type !== 'contacts' && typeId === associationTypeId(type, 'contacts')) {
        if (!runtime.store.get('contacts', toId)) throw validationError(`associations[${i}]: contact ${toId} does not exist`);
        contactId = toId;
      } else {
        throw validationError(`associations[${i}]: association type ${typeId} is not valid from ${type}`);
      }
    }
  }
  const record = runtime.store.create(type, props, { companyId, contactId }, ctx.source);
  return { status: 201, body: toHubSpot(runtime.store, runtime.schema, type, record, { properties: Object.keys(record.properties) }) };
};

export const searchObjects: Handler = (ctx) => {
  const { store, schema } = requirePortal(ctx);
  const type = objectTypeParam(ctx);
  const body = bodyObject(ctx) as SearchRequest;
  const result = runSearch(store, type, body);
  const properties = Array.isArray(body.properties) ? body.properties.map(String) : null;
  const out: Record<string, unknown> = {
    total: result.total,
    results: result.records.map((r) => toHubSpot(store, schema, type, r, { properties })),
  };
  if (result.nextOffset !== null) out.paging = { next: { after: String(result.nextOffset) } };
  return { status: 200, body: out };
};
