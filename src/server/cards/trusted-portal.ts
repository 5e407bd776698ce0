import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import type { Queryable } from '../../store/db.ts';
import { isActiveInstallation } from '../../install/installation-guard.ts';

const cardQuerySchema = z.object({
  portalId: z.string({ error: 'portalId is required' }).regex(/^\d{1,15}$/, 'portalId must be a HubSpot portal id').transform(Number),
  objectId: z.string({ error: 'objectId is required' }).regex(/^\d{1,20}$/, 'objectId must be a HubSpot record id'),
});

export interface CardTarget {
  portalId: number;
  companyId: string;
}

/**
 * The portal and company a signed card request is about. Only call this behind the v3 signature check: the
 * signature covers the full URL, query included, so these ids are HubSpot's and not the caller's. Even then the
 * portal must hold an active installation: an uninstalled portal's data is no one's to read.
 */
export const trustedCardTarget = async (db: Queryable, req: Request): Promise<CardTarget> => {
  const target = cardTargetFromQuery(req);
  await requirePortalInstalled(db, target.portalId);
  return target;
};

/** The ids in a signed request's query; the installation check is the caller's (trustedCardTarget does both). */
export const cardTargetFromQuery = (req: Request): CardTarget => {
  const parsed = cardQuerySchema.safeParse(req.query);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => i.message).join('; '));
  return { portalId: parsed.data.portalId, companyId: parsed.data.objectId };
};

/** Card routes answer 403 for a portal Waypoint no longer serves (jobs use the install guard's own error). */
const requirePortalInstalled = async (db: Queryable, portalId: number): Promise<void> => {
  if (!(await isActiveInstallation(db, portalId))) throw new AppError('FORBIDDEN', 'Waypoint is not installed in this portal');
};
