import { z } from 'zod';
import { isAppError } from '../shared/errors.ts';
import { HUBSPOT_API_VERSION, ownerPath } from './api-version.ts';
import type { PortalRequest } from './request.ts';

const ownerSchema = z.object({
  id: z.string(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});

export type Owner = { id: string; name: string | null; email: string | null };

/**
 * The owner behind a record's hubspot_owner_id, by name and email; null when HubSpot has no such owner (deleted,
 * or an id from another portal). A portal that did not grant the owners scope answers with HubSpot's error.
 */
export const getOwner = async (request: PortalRequest, ownerId: string): Promise<Owner | null> => {
  try {
    const owner = await request({ method: 'GET', path: ownerPath(ownerId), endpoint: `GET /crm/owners/${HUBSPOT_API_VERSION}/{ownerId}`, schema: ownerSchema });
    const name = [owner.firstName, owner.lastName].filter((part) => part !== null && part !== undefined && part.trim() !== '').join(' ');
    return { id: owner.id, name: name === '' ? null : name, email: owner.email ?? null };
  } catch (error) {
    if (isAppError(error) && error.code === 'HUBSPOT_NOT_FOUND') return null;
    throw error;
  }
};
