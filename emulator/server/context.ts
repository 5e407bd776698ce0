import type { ObjectType } from '../generator/index.ts';
import { objectTypes } from '../generator/index.ts';
import { HubSpotHttpError, validationError } from './http-errors.ts';
import type { PortalStore } from './portal-store.ts';
import type { PropertySchema } from './property-schema.ts';
import type { ChangeSource } from './store-types.ts';

export interface PortalRuntime { store: PortalStore; schema: PropertySchema }

export interface RequestContext {
  method: string;
  url: URL;
  params: Record<string, string>;
  body: unknown;
  /** Set for authenticated API routes. */
  portal: PortalRuntime | null;
  scopes: readonly string[];
  /** The change source of writes made with this request's token. */
  source: ChangeSource;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export const requirePortal = (ctx: RequestContext): PortalRuntime => {
  if (!ctx.portal) throw new HubSpotHttpError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
  return ctx.portal;
};

export const objectTypeParam = (ctx: RequestContext, name = 'objectType'): ObjectType => {
  const raw = ctx.params[name] ?? '';
  if (!(objectTypes as readonly string[]).includes(raw)) throw validationError(`Unable to infer object type from: ${raw}`);
  return raw as ObjectType;
};

export const listParam = (ctx: RequestContext, name: string): string[] | null => {
  const values = ctx.url.searchParams.getAll(name);
  if (values.length === 0) return null;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
};

export const bodyObject = (ctx: RequestContext): Record<string, unknown> => {
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) throw validationError('Invalid input JSON: expected an object');
  return ctx.body as Record<string, unknown>;
};

export const inputsOf = (body: Record<string, unknown>, max: number): Record<string, unknown>[] => {
  const inputs = body.inputs;
  if (!Array.isArray(inputs)) throw validationError('inputs must be an array');
  if (inputs.length > max) throw validationError(`Too many inputs: at most ${max} per batch, got ${inputs.length}`);
  return inputs.map((input, i) => {
    if (typeof input !== 'object' || input === null) throw validationError(`inputs[${i}] must be an object`);
    return input as Record<string, unknown>;
  });
};
