import type { RequestHandler } from 'express';
import { z } from 'zod';
import { authenticateApiKey } from '../../install/api-keys.ts';
import { AppError } from '../../shared/errors.ts';
import type { ApiKeysRepository } from '../../store/api-keys-repository.ts';
import { checkHubSpotSignature, hasHubSpotSignature, signatureError, type SignatureCheckDeps } from './verify-hubspot-signature.ts';

/** Who is acting for the portal, left on res.locals.admin for handlers and audit fields. */
export type PortalAdmin =
  | { portalId: number; via: 'api_key'; keyId: number; keyPrefix: string }
  | { portalId: number; via: 'hubspot_signature'; user: SignedUser | null };

/** The HubSpot user hubspot.fetch names in the signed URL (userId, userEmail), when it names one. */
export type SignedUser = { userId: number; email: string | null };

const signedUserOf = (query: Record<string, unknown>): SignedUser | null => {
  const userId = portalIdSchema.safeParse(query.userId);
  if (!userId.success) return null;
  const email = z.email().max(254).safeParse(query.userEmail);
  return { userId: userId.data, email: email.success ? email.data : null };
};

/** Who saved something, for audit fields: the API key's prefix or the signed HubSpot user. */
export const actorOf = (admin: PortalAdmin): string => {
  if (admin.via === 'api_key') return `api_key:${admin.keyPrefix}`;
  return admin.user ? `hubspot_user:${admin.user.userId}${admin.user.email ? `:${admin.user.email}` : ''}` : 'hubspot';
};

const portalIdSchema = z.coerce.number().int().positive();
const bearerPattern = /^Bearer\s+(\S+)$/i;

// A portal the caller may not act for answers exactly like a portal that does not exist, so keys cannot be
// used to discover which portals are installed.
const notFound = (portalId: number) => new AppError('NOT_FOUND', `Portal ${portalId} not found`);

/**
 * Guards /api/v1/portals/:portalId/... Two ways in (docs/admin-auth.md):
 * - `Authorization: Bearer wp_...`, a per-portal API key (machine calls, the sandbox, after uninstall);
 * - a HubSpot v3-signed request (a settings page or card via hubspot.fetch) whose signed URL carries portalId.
 */
export const requirePortalAdmin = (deps: SignatureCheckDeps & { apiKeys: ApiKeysRepository }): RequestHandler => async (req, res, next) => {
  const parsed = portalIdSchema.safeParse(req.params.portalId);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'portalId must be a positive whole number');
  const portalId = parsed.data;

  const bearer = bearerPattern.exec(req.get('authorization') ?? '')?.[1];
  if (bearer) {
    const key = await authenticateApiKey(deps, bearer);
    if (!key) throw new AppError('UNAUTHENTICATED', 'API key is unknown or revoked');
    if (key.portalId !== portalId) throw notFound(portalId);
    await deps.apiKeys.touch(key.id, deps.clock.now());
    res.locals.admin = { portalId, via: 'api_key', keyId: key.id, keyPrefix: key.keyPrefix } satisfies PortalAdmin;
    next();
    return;
  }

  if (hasHubSpotSignature(req)) {
    const verdict = checkHubSpotSignature(req, deps);
    if (!verdict.valid) throw signatureError(verdict);
    // The signature covers the whole URL, so a portalId in its query is as trustworthy as the request itself.
    if (portalIdSchema.safeParse(req.query.portalId).data !== portalId) throw notFound(portalId);
    res.locals.admin = { portalId, via: 'hubspot_signature', user: signedUserOf(req.query) } satisfies PortalAdmin;
    next();
    return;
  }

  res.setHeader('WWW-Authenticate', 'Bearer realm="waypoint"');
  throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <API key> or a HubSpot-signed request');
};

/**
 * After requirePortalAdmin: only a request HubSpot signed gets through. Minting and revoking keys is for a person
 * in HubSpot (the settings page) or the operator's CLI, never for a key itself, so a leaked key cannot mint more.
 */
export const requireHubSpotSigned: RequestHandler = (_req, res, next) => {
  if ((res.locals.admin as PortalAdmin | undefined)?.via !== 'hubspot_signature') {
    throw new AppError('FORBIDDEN', 'Only a HubSpot-signed request (the settings page) may manage API keys');
  }
  next();
};
