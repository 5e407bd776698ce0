import { z } from 'zod';
import { isAppError } from '../shared/errors.ts';
import { propertiesPath, propertyGroupsPath, propertyPath } from './api-version.ts';
import type { PortalClient } from './client.ts';

// Company property groups and properties, read and written through the HubSpot door's request method.
// https://developers.hubspot.com/docs/api-reference/crm-properties-v3/guide (2026-03 paths)
const basePath = propertiesPath('companies');

const optionSchema = z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});

const fieldTypesByType = {
  string: ['text', 'textarea'],
  number: ['number'],
  enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'],
  bool: ['booleancheckbox'],
  date: ['date'],
  datetime: ['date'],
} as const;

export const propertyDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'property names are lowercase letters, digits and underscores'),
    label: z.string().min(1),
    description: z.string(),
    groupName: z.string(),
    type: z.enum(['string', 'number', 'enumeration', 'bool', 'date', 'datetime']),
    fieldType: z.string(),
    options: z.array(optionSchema).optional(),
    numberDisplayHint: z.enum(['unformatted', 'formatted', 'currency', 'percentage', 'duration', 'probability']).optional(),
  })
  .refine((p) => (fieldTypesByType[p.type] as readonly string[]).includes(p.fieldType), {
    message: 'fieldType does not match type (HubSpot rejects the pair)',
    path: ['fieldType'],
  })
  .refine((p) => (p.type === 'enumeration' || p.type === 'bool') === (p.options !== undefined && p.options.length > 0), {
    message: 'enumerations and booleans need options, and only they have them',
    path: ['options'],
  });

export type PropertyDefinition = z.infer<typeof propertyDefinitionSchema>;
export type PropertyOption = z.infer<typeof optionSchema>;

export const propertyGroupSchema = z.object({ name: z.string(), label: z.string(), displayOrder: z.number().int().optional() });
export type PropertyGroup = z.infer<typeof propertyGroupSchema>;

export interface PropertyCatalogue {
  group: PropertyGroup;
  properties: readonly PropertyDefinition[];
}

const existingPropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string().optional(),
  groupName: z.string().optional(),
  type: z.string(),
  options: z.array(optionSchema.partial({ displayOrder: true })).optional(),
});
const listSchema = <T extends z.ZodType>(item: T) => z.object({ results: z.array(item) });

/** The slice of the HubSpot client that provisioning needs: one authenticated request for one portal. */
export type PortalRequester = Pick<PortalClient, 'request'>;

export interface ProvisionReport {
  groupCreated: boolean;
  created: string[];
  updated: string[];
  unchanged: string[];
}

const sameOptions = (wanted: readonly PropertyOption[] | undefined, existing: readonly Partial<PropertyOption>[] | undefined): boolean => {
  const key = (o: Partial<PropertyOption>) => `${o.value}\u0000${o.label}\u0000${o.hidden ?? false}`;
  return JSON.stringify((wanted ?? []).map(key)) === JSON.stringify((existing ?? []).map(key));
};

/** Another process provisioning the same portal at the same moment wins the race with a 409: that is success. */
const createUnlessRaced = async (client: PortalRequester, path: string, body: unknown): Promise<boolean> => {
  try {
    await client.request({ method: 'POST', path, body, schema: z.unknown() });
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === 'HUBSPOT_CONFLICT') return false;
    throw error;
  }
};

/**
 * Creates the group and every property that is missing, and PATCHes label, description or options that drifted.
 * Reads first so a second run creates nothing; property names and enumeration values never change here.
 */
export const provisionProperties = async (client: PortalRequester, catalogue: PropertyCatalogue): Promise<ProvisionReport> => {
  const groups = await client.request({ method: 'GET', path: propertyGroupsPath('companies'), schema: listSchema(propertyGroupSchema.partial({ label: true })) });
  const groupCreated = !groups.results.some((g) => g.name === catalogue.group.name);
  if (groupCreated) await createUnlessRaced(client, propertyGroupsPath('companies'), catalogue.group);

  const existing = await client.request({ method: 'GET', path: basePath, schema: listSchema(existingPropertySchema) });
  const byName = new Map(existing.results.map((p) => [p.name, p]));
  const report: ProvisionReport = { groupCreated, created: [], updated: [], unchanged: [] };

  for (const wanted of catalogue.properties) {
    const current = byName.get(wanted.name);
    if (!current) {
      if (await createUnlessRaced(client, basePath, wanted)) report.created.push(wanted.name);
      else report.unchanged.push(wanted.name);
      continue;
    }
    const drifted = current.label !== wanted.label
      || (current.description ?? '') !== wanted.description
      || (wanted.options !== undefined && !sameOptions(wanted.options, current.options));
    if (!drifted) {
      report.unchanged.push(wanted.name);
      continue;
    }
    const patch = { label: wanted.label, description: wanted.description, ...(wanted.options ? { options: wanted.options } : {}) };
    await client.request({
      method: 'PATCH', path: propertyPath('companies', wanted.name), body: patch, schema: z.unknown(),
      endpoint: `PATCH ${basePath}/{name}`,
    });
    report.updated.push(wanted.name);
  }
  return report;
};
