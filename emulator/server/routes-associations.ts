import { associationLabel, associationTypeId } from './associations-catalog.ts';
import { bodyObject, inputsOf, objectTypeParam, requirePortal, type Handler } from './context.ts';
import { validationError } from './http-errors.ts';
import { associatedIds } from './serialize.ts';

const PAGE = 500;

/** Associations batch read: per input the associated ids, 500 at a time with a per-input cursor. */
export const batchReadAssociations: Handler = (ctx) => {
  const { store } = requirePortal(ctx);
  const from = objectTypeParam(ctx, 'fromType');
  const to = objectTypeParam(ctx, 'toType');
  const typeId = associationTypeId(from, to);
  if (typeId === undefined) throw validationError(`No association is defined from ${from} to ${to}`);
  const startedAt = new Date().toISOString();
  const dated = ctx.url.pathname.includes('/2026-03/');
  const inputs = inputsOf(bodyObject(ctx), 1000);
  const results: unknown[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const id = String(input.id ?? '');
    const record = store.get(from, id);
    if (!record) {
      missing.push(id);
      continue;
    }
    const ids = associatedIds(store, from, record, to);
    if (ids.length === 0) {
      missing.push(id);
      continue;
    }
    const start = input.after === undefined ? 0 : Number(input.after);
    if (!Number.isInteger(start) || start < 0) throw validationError(`after is not a valid cursor for input ${id}`);
    const slice = ids.slice(start, start + PAGE);
    const result: Record<string, unknown> = {
      from: { id: record.id },
      // The dated API (2026-03) gives ids as strings, as everywhere else in the CRM; v4 gave them as integers.
      // An unlabelled association has no label at all (the spec's label is an optional string, never null).
      to: slice.map((toId) => ({ toObjectId: dated ? toId : Number(toId), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId }] })),
    };
    if (start + PAGE < ids.length) result.paging = { next: { after: String(start + PAGE) } };
    results.push(result);
  }
  const completedAt = new Date().toISOString();
  if (missing.length === 0) return { status: 200, body: { status: 'COMPLETE', results, startedAt, completedAt } };
  // HubSpot reports inputs without any association of that type as errors with NO_ASSOCIATIONS_FOUND.
  const errors = missing.map((id) => ({
    status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
    message: `No ${associationLabel(from, to)} associations found for ${id}`, context: { fromObjectId: [id] }, errors: [], links: {},
  }));
  return { status: 207, body: { status: 'COMPLETE', results, errors, numErrors: errors.length, startedAt, completedAt } };
};
