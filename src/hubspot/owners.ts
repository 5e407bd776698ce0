import { z } from 'zod';
import { isAppError } from '../shared/errors.ts';
import { HUBSPOT_API_VERSION, ownerPath, ownersPath } from './api-version.ts';
import { nextAfter } from './chunks.ts';
import type { PortalRequest } from './request.ts';

const ownerSchema = z.object({
  id: z.string(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});
const ownersPageSchema = z.object({
  results: z.array(ownerSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export type Owner = { id: string; name: string | null; email: string | null };

/** HubSpot's largest owners page: one request lists a portal of up to 500 users. */
export const OWNERS_PAGE_MAX = 500;

const toOwner = (owner: z.infer<typeof ownerSchema>): Owner => {
  const name = [owner.firstName, owner.lastName].filter((part) => part !== null && part !== undefined && part.trim() !== '').join(' ');
  return { id: owner.id, name: name === '' ? null : name, email: owner.email ?? null };
};

/**
 * The owner behind a record's hubspot_owner_id, by name and email; null when HubSpot has no such owner (deleted,
 * or an id from another portal). A portal that did not grant the owners scope answers with HubSpot's error.
 */
export const getOwner = async (request: PortalRequest, ownerId: string): Promise<Owner | null> => {
  try {
    return toOwner(await request({ method: 'GET', path: ownerPath(ownerId), endpoint: `GET /crm/owners/${HUBSPOT_API_VERSION}/{ownerId}`, schema: ownerSchema }));
  } catch (error) {
    if (isAppError(error) && error.code === 'HUBSPOT_NOT_FOUND') return null;
    throw error;
  }
};

/** Every active owner of the portal (GET /crm/owners/2026-03, paged by paging.next.after). */
export const listOwners = async (request: PortalRequest): Promise<Owner[]> => {
  const owners: Owner[] = [];
  let after: string | undefined;
  do {
    const page = await request({ method: 'GET', path: ownersPath, query: { limit: OWNERS_PAGE_MAX, after, archived: false }, schema: ownersPageSchema });
    owners.push(...page.results.map(toOwner));
    after = nextAfter(page, after, `GET ${ownersPath}`);
  } while (after !== undefined);
  return owners;
};
