import type { Owner } from '../generator/index.ts';
import { requirePortal, type Handler, type RequestContext } from './context.ts';
import { notFound, validationError } from './http-errors.ts';

const publicOwner = (owner: Owner, at: string) => ({
  id: owner.id, email: owner.email, type: 'PERSON', firstName: owner.firstName, lastName: owner.lastName,
  userId: owner.userId, userIdIncludingInactive: owner.userId, createdAt: at, updatedAt: at, archived: false, teams: [],
});

// GET /crm/owners/2026-03/{ownerId}: the generated portal's owners, shaped like HubSpot's public owner object.
export const getOwner: Handler = (ctx) => {
  const { store } = requirePortal(ctx);
  const owner = store.portal.owners.find((o) => o.id === ctx.params.ownerId);
  if (!owner) throw notFound(`Owner not found: ${ctx.params.ownerId ?? ''}`);
  return { status: 200, body: publicOwner(owner, store.portal.now) };
};

const limitParam = (ctx: RequestContext): number => {
  const limit = Number(ctx.url.searchParams.get('limit') ?? 100);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw validationError('limit must be an integer between 1 and 500');
  return limit;
};

// GET /crm/owners/2026-03: HubSpot's owner list, paged by an `after` cursor (limit 1-500, default 100), optionally
// by `email`. The generated portal's owners are all active, so `archived=true` lists none.
export const listOwners: Handler = (ctx) => {
  const { store } = requirePortal(ctx);
  const limit = limitParam(ctx);
  const after = ctx.url.searchParams.get('after');
  if (after !== null && !/^\d+$/.test(after)) throw validationError(`after is not a valid paging cursor: ${after}`);
  const email = ctx.url.searchParams.get('email');
  const archived = ctx.url.searchParams.get('archived') === 'true';
  const matching = archived ? [] : store.portal.owners.filter((o) => email === null || o.email === email.toLowerCase());
  const start = after === null ? 0 : Number(after);
  const page = matching.slice(start, start + limit);
  const body: Record<string, unknown> = { results: page.map((o) => publicOwner(o, store.portal.now)) };
  if (start + limit < matching.length) {
    const link = new URL(ctx.url.pathname, ctx.url);
    link.searchParams.set('after', String(start + limit));
    body.paging = { next: { after: String(start + limit), link: link.toString() } };
  }
  return { status: 200, body };
};
