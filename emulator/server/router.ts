import { objectScopeFor, schemaScopeFor } from './scopes.ts';
import type { ObjectType } from '../generator/index.ts';
import type { Handler } from './context.ts';
import * as objects from './routes-objects.ts';
import * as properties from './routes-properties.ts';
import { batchReadAssociations } from './routes-associations.ts';
import { getOwner, listOwners } from './routes-owners.ts';

export type RouteKind = 'api' | 'search' | 'oauth';

export interface Route {
  method: string;
  pattern: RegExp;
  /** The path template with {placeholders}: with the object type filled in, it names the endpoint in stats. */
  template: string;
  kind: RouteKind;
  handler: Handler;
  scope?: (params: Record<string, string>) => string;
}

const V = '(?:2026-03|v3)';
const VA = '(?:2026-03|v4)';
const T = '(?<objectType>[a-z_]+)';

const obj = (access: 'read' | 'write') => (p: Record<string, string>) => objectScopeFor(p.objectType as ObjectType, access);
const schema = (access: 'read' | 'write') => (p: Record<string, string>) => schemaScopeFor(p.objectType as ObjectType, access);

const route = (method: string, path: string, template: string, kind: RouteKind, handler: Handler, scope?: Route['scope']): Route => ({
  method, pattern: new RegExp(`^${path}$`), template, kind, handler, ...(scope ? { scope } : {}),
});

export const apiRoutes = (oauth: Record<'authorize' | 'token' | 'introspect' | 'revoke', Handler>): Route[] => [
  route('GET', '/oauth/authorize', '/oauth/authorize', 'oauth', oauth.authorize),
  route('POST', '/oauth/(?:v3|2026-03|v1)/token', '/oauth/v3/token', 'oauth', oauth.token),
  route('POST', '/oauth/(?:v3|2026-03)/token/introspect', '/oauth/v3/token/introspect', 'oauth', oauth.introspect),
  route('POST', '/oauth/(?:v3|2026-03)/token/revoke', '/oauth/v3/token/revoke', 'oauth', oauth.revoke),
  route('GET', `/crm/properties/${V}/${T}/groups`, '/crm/properties/2026-03/{objectType}/groups', 'api', properties.listGroups, schema('read')),
  route('POST', `/crm/properties/${V}/${T}/groups`, '/crm/properties/2026-03/{objectType}/groups', 'api', properties.createGroup, schema('write')),
  route('GET', `/crm/properties/${V}/${T}`, '/crm/properties/2026-03/{objectType}', 'api', properties.listProperties, schema('read')),
  route('POST', `/crm/properties/${V}/${T}`, '/crm/properties/2026-03/{objectType}', 'api', properties.createProperty, schema('write')),
  route('GET', `/crm/properties/${V}/${T}/(?<name>[^/]+)`, '/crm/properties/2026-03/{objectType}/{name}', 'api', properties.getProperty, schema('read')),
  route('PATCH', `/crm/properties/${V}/${T}/(?<name>[^/]+)`, '/crm/properties/2026-03/{objectType}/{name}', 'api', properties.updateProperty, schema('write')),
  route('POST', `/crm/associations/${VA}/(?<fromType>[a-z_]+)/(?<toType>[a-z_]+)/batch/read`, '/crm/associations/2026-03/{fromType}/{toType}/batch/read', 'api', batchReadAssociations,
    (p) => objectScopeFor(p.fromType as ObjectType, 'read')),
  route('POST', `/crm/objects/${V}/${T}/batch/read`, '/crm/objects/2026-03/{objectType}/batch/read', 'api', objects.batchRead, obj('read')),
  route('POST', `/crm/objects/${V}/${T}/batch/update`, '/crm/objects/2026-03/{objectType}/batch/update', 'api', objects.batchUpdate, obj('write')),
  route('POST', `/crm/objects/${V}/${T}/search`, '/crm/objects/2026-03/{objectType}/search', 'search', objects.searchObjects, obj('read')),
  route('GET', `/crm/objects/${V}/${T}`, '/crm/objects/2026-03/{objectType}', 'api', objects.listObjects, obj('read')),
  route('POST', `/crm/objects/${V}/${T}`, '/crm/objects/2026-03/{objectType}', 'api', objects.createObject, obj('write')),
  route('GET', `/crm/objects/${V}/${T}/(?<id>[^/]+)`, '/crm/objects/2026-03/{objectType}/{id}', 'api', objects.getObject, obj('read')),
  route('PATCH', `/crm/objects/${V}/${T}/(?<id>[^/]+)`, '/crm/objects/2026-03/{objectType}/{id}', 'api', objects.updateObject, obj('write')),
  route('GET', `/crm/owners/${V}/?`, '/crm/owners/2026-03', 'api', listOwners, () => 'crm.objects.owners.read'),
  route('GET', `/crm/owners/${V}/(?<ownerId>[^/]+)`, '/crm/owners/2026-03/{ownerId}', 'api', getOwner, () => 'crm.objects.owners.read'),
  route('DELETE', `/crm/objects/${V}/${T}/(?<id>[^/]+)`, '/crm/objects/2026-03/{objectType}/{id}', 'api', objects.archiveObject, obj('write')),
];

export interface Match { route: Route; params: Record<string, string>; name: string }

export const matchRoute = (routes: readonly Route[], method: string, path: string): Match | null | 'method' => {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params = { ...(m.groups ?? {}) };
    const name = `${method} ${r.template.replace(/\{(objectType|fromType|toType)\}/g, (_, k: string) => params[k] ?? k)}`;
    return { route: r, params, name };
  }
  return pathMatched ? 'method' : null;
};
