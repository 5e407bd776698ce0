import { bodyObject, objectTypeParam, requirePortal, type Handler } from './context.ts';
import { notFound } from './http-errors.ts';
import type { PropertyDefinition } from './property-catalog.ts';
import type { PropertyInput } from './property-schema.ts';

const shape = (def: PropertyDefinition): Record<string, unknown> => ({
  name: def.name, label: def.label, type: def.type, fieldType: def.fieldType, description: def.description,
  groupName: def.groupName, options: def.options, displayOrder: def.displayOrder, calculated: false, externalOptions: false,
  hasUniqueValue: false, hidden: false, hubspotDefined: def.hubspotDefined, formField: !def.readOnlyValue,
  modificationMetadata: { archivable: !def.hubspotDefined, readOnlyDefinition: def.hubspotDefined, readOnlyValue: def.readOnlyValue },
  createdAt: def.createdAt, updatedAt: def.updatedAt, archived: false,
});

export const listProperties: Handler = (ctx) => {
  const { schema } = requirePortal(ctx);
  return { status: 200, body: { results: schema.list(objectTypeParam(ctx)).map(shape) } };
};

export const getProperty: Handler = (ctx) => {
  const { schema } = requirePortal(ctx);
  const def = schema.get(objectTypeParam(ctx), ctx.params.name ?? '');
  if (!def) throw notFound(`Unable to find property ${ctx.params.name ?? ''}`);
  return { status: 200, body: shape(def) };
};

export const createProperty: Handler = (ctx) => {
  const { schema } = requirePortal(ctx);
  return { status: 201, body: shape(schema.create(objectTypeParam(ctx), bodyObject(ctx) as PropertyInput)) };
};

export const updateProperty: Handler = (ctx) => {
  const { schema } = requirePortal(ctx);
  return { status: 200, body: shape(schema.update(objectTypeParam(ctx), ctx.params.name ?? '', bodyObject(ctx) as PropertyInput)) };
};

export const listGroups: Handler = (ctx) => {
  const { schema } = requirePortal(ctx);
  return { status: 200, body: { results: schema.listGroups(objectTypeParam(ctx)) } };
};

export const createGroup: Handler = (ctx) => {
  const { schema } = requirePortal(ctx);
  return { status: 201, body: schema.createGroup(objectTypeParam(ctx), bodyObject(ctx)) };
};
