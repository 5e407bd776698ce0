import type { RequestHandler } from 'express';
import type { PortalAdmin } from '../middleware/admin-auth.ts';

/**
 * DELETE /api/v1/portals/:portalId/data, behind requirePortalAdmin: erases the portal's data after uninstall.
 * 200 with the rows removed per table; 409 while the app is still installed.
 */
export const deletePortalDataRoute = (deps: {
  deletePortalData(portalId: number): Promise<{ deleted: Record<string, number> }>;
}): RequestHandler => async (_req, res) => {
  const admin = res.locals.admin as PortalAdmin;
  const { deleted } = await deps.deletePortalData(admin.portalId);
  res.json({ portalId: admin.portalId, deleted });
};
