import { objectTypes, type ObjectType, type PortalProfile } from '../generator/index.ts';
import { HubSpotHttpError, notFound, validationError } from './http-errors.ts';
import {
  defaultGroups, defaultProperties, toOptions, validFieldTypes, type PropertyDefinition, type PropertyGroup, type PropertyOption,
} from './property-catalog.ts';

const NAME = /^[a-z][a-z0-9_]{0,99}$/;

export interface PropertyInput {
  name?: unknown; label?: unknown; type?: unknown; fieldType?: unknown; groupName?: unknown; description?: unknown;
  options?: unknown; displayOrder?: unknown; hidden?: unknown;
}

const parseOptions = (raw: unknown): PropertyOption[] => {
  if (!Array.isArray(raw)) throw validationError('options must be an array of { label, value }');
  return raw.map((o: unknown, i) => {
    const opt = o as { label?: unknown; value?: unknown; displayOrder?: unknown; hidden?: unknown; description?: unknown };
    if (typeof opt?.label !== 'string' || typeof opt.value !== 'string') throw validationError(`options[${i}] needs a string label and value`);
    return { label: opt.label, value: opt.value, displayOrder: typeof opt.displayOrder === 'number' ? opt.displayOrder : i, hidden: opt.hidden === true };
  });
};

/** Coerces a written value to HubSpot's string form, or says why HubSpot would refuse it. */
export const coerceValue = (def: PropertyDefinition, raw: unknown): { value: string | null } | { error: string } => {
  if (raw === null || raw === '') return { value: null };
  if (typeof raw === 'object') return { error: `${raw === undefined ? 'undefined' : 'object'} is not a valid value for ${def.name}` };
  const text = String(raw);
  switch (def.type) {
    case 'number':
      return Number.isFinite(Number(text)) ? { value: text } : { error: `${text} is not a valid number for ${def.name}` };
    case 'bool':
      return text === 'true' || text === 'false' ? { value: text } : { error: `${text} is not a valid boolean for ${def.name}` };
    case 'date': {
      if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text))) return { value: text };
      const ms = Number(text);
      if (Number.isInteger(ms) && ms % 86_400_000 === 0) return { value: new Date(ms).toISOString().slice(0, 10) };
      return { error: `${text} is not a valid date for ${def.name}: use YYYY-MM-DD or midnight UTC in epoch ms` };
    }
    case 'datetime': {
      const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
      return Number.isNaN(ms) ? { error: `${text} is not a valid datetime for ${def.name}` } : { value: new Date(ms).toISOString() };
    }
    case 'enumeration': {
      if (def.options.length === 0) return { value: text };
      const allowed = new Set(def.options.map((o) => o.value));
      const bad = text.split(';').filter((v) => !allowed.has(v));
      return bad.length === 0 ? { value: text } : { error: `${bad.join(';')} was not one of the allowed options for ${def.name}` };
    }
    default:
      return { value: text };
  }
};

/** The property schema of one portal: HubSpot's standard properties plus whatever the app created. */
export class PropertySchema {
  private readonly defs = new Map<ObjectType, Map<string, PropertyDefinition>>();
  private readonly groups = new Map<ObjectType, Map<string, PropertyGroup>>();
  private readonly clock: () => number;

  constructor(clock: () => number, ownerIds: readonly string[], generatedAt: string, profile: PortalProfile = 'rich') {
    this.clock = clock;
    for (const type of objectTypes) {
      const defs = defaultProperties(type, generatedAt, profile);
      for (const def of defs) if (def.name === 'hubspot_owner_id') def.options = toOptions(ownerIds);
      this.defs.set(type, new Map(defs.map((d) => [d.name, d])));
      this.groups.set(type, new Map(defaultGroups(type, profile).map((g) => [g.name, g])));
    }
  }

  list(type: ObjectType): PropertyDefinition[] {
    return [...(this.defs.get(type)?.values() ?? [])];
  }

  get(type: ObjectType, name: string): PropertyDefinition | undefined {
    return this.defs.get(type)?.get(name);
  }

  listGroups(type: ObjectType): PropertyGroup[] {
    return [...(this.groups.get(type)?.values() ?? [])];
  }

  createGroup(type: ObjectType, input: { name?: unknown; label?: unknown; displayOrder?: unknown }): PropertyGroup {
    if (typeof input.name !== 'string' || !NAME.test(input.name)) throw validationError('name must be lowercase letters, digits and underscores, starting with a letter');
    if (typeof input.label !== 'string' || input.label === '') throw validationError('label is required');
    const groups = this.groups.get(type) as Map<string, PropertyGroup>;
    if (groups.has(input.name)) throw new HubSpotHttpError(409, 'OBJECT_ALREADY_EXISTS', `A property group named ${input.name} already exists`);
    const group = { name: input.name, label: input.label, displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1, archived: false };
    groups.set(group.name, group);
    return group;
  }

  private checkShape(type: string, fieldType: string, options: PropertyOption[]): void {
    const allowed = validFieldTypes[type];
    if (!allowed) throw validationError(`type ${type} is not one of ${Object.keys(validFieldTypes).join(', ')}`, { subCategory: 'INVALID_PROPERTY_TYPE' });
    if (!allowed.includes(fieldType)) {
      throw validationError(`fieldType ${fieldType} is not valid for type ${type}; use one of ${allowed.join(', ')}`, { subCategory: 'INVALID_FIELD_TYPE' });
    }
    if (type === 'enumeration' && options.length === 0) throw validationError('an enumeration property needs at least one option');
  }

  create(type: ObjectType, input: PropertyInput): PropertyDefinition {
    const defs = this.defs.get(type) as Map<string, PropertyDefinition>;
    if (typeof input.name !== 'string' || !NAME.test(input.name)) throw validationError('name must be lowercase letters, digits and underscores, starting with a letter');
    if (defs.has(input.name)) throw new HubSpotHttpError(409, 'OBJECT_ALREADY_EXISTS', `A property named ${input.name} already exists`, { subCategory: 'PROPERTY_ALREADY_EXISTS' });
    for (const field of ['label', 'type', 'fieldType', 'groupName'] as const) {
      if (typeof input[field] !== 'string' || input[field] === '') throw validationError(`${field} is required`);
    }
    const options = input.options === undefined ? [] : parseOptions(input.options);
    this.checkShape(String(input.type), String(input.fieldType), options);
    if (!this.groups.get(type)?.has(String(input.groupName))) throw validationError(`property group ${String(input.groupName)} does not exist`);
    const at = new Date(this.clock()).toISOString();
    const def: PropertyDefinition = {
      name: input.name, label: String(input.label), type: String(input.type), fieldType: String(input.fieldType),
      groupName: String(input.groupName), description: typeof input.description === 'string' ? input.description : '', options,
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1, hubspotDefined: false, readOnlyValue: false,
      createdAt: at, updatedAt: at,
    };
    defs.set(def.name, def);
    return def;
  }

  update(type: ObjectType, name: string, input: PropertyInput): PropertyDefinition {
    const def = this.get(type, name);
    if (!def) throw notFound(`Property ${name} does not exist`);
    if (def.hubspotDefined && (input.type !== undefined || input.fieldType !== undefined)) throw validationError(`${name} is a HubSpot-defined property: its type cannot change`);
    const next: PropertyDefinition = {
      ...def,
      label: typeof input.label === 'string' ? input.label : def.label,
      description: typeof input.description === 'string' ? input.description : def.description,
      groupName: typeof input.groupName === 'string' ? input.groupName : def.groupName,
      type: typeof input.type === 'string' ? input.type : def.type,
      fieldType: typeof input.fieldType === 'string' ? input.fieldType : def.fieldType,
      options: input.options === undefined ? def.options : parseOptions(input.options),
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : def.displayOrder,
      updatedAt: new Date(this.clock()).toISOString(),
    };
    this.checkShape(next.type, next.fieldType, next.options);
    if (!this.groups.get(type)?.has(next.groupName)) throw validationError(`property group ${next.groupName} does not exist`);
    this.defs.get(type)?.set(name, next);
    return next;
  }
}
