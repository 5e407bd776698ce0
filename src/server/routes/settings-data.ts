import { Router, type RequestHandler, type Response } from 'express';
import type { HubSpotClient } from '../../hubspot/client.ts';
import { readPortalProperties, settingsObjectTypes, type PortalPropertiesResult, type SettingsObjectType } from '../../hubspot/portal-properties.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Db } from '../../store/db.ts';
import type { PortalAdmin } from '../middleware/admin-auth.ts';
import { draftOverCurrent } from '../scoring-config/config-draft.ts';
import { countFit } from '../scoring-config/fit-counts.ts';

export type PropertiesAnswer = { fetchedAt: string; objects: Record<SettingsObjectType, PortalPropertiesResult> };

/**
 * The portal's properties of every settings object type, read through the door and kept in memory for `cacheMs`
 * (default 60 s): a page opens many pickers at once. Shared by the settings endpoint and the sandbox preview.
 */
export const portalPropertiesReader = (deps: { clock: Clock; hubspot: Pick<HubSpotClient, 'forPortal'>; cacheMs?: number }) => {
  const cacheMs = deps.cacheMs ?? 60_000;
  const cache = new Map<number, { at: number; answer: Promise<PropertiesAnswer> }>();
  return (portalId: number): Promise<PropertiesAnswer> => {
    const now = deps.clock.now().getTime();
    const cached = cache.get(portalId);
    if (cached && now - cached.at < cacheMs) return cached.answer;
    const client = deps.hubspot.forPortal(portalId);
    const answer = (async () => {
      const objects = {} as Record<SettingsObjectType, PortalPropertiesResult>;
      for (const type of settingsObjectTypes) objects[type] = await readPortalProperties(client, type);
      return { fetchedAt: new Date(now).toISOString(), objects };
    })();
    cache.set(portalId, { at: now, answer });
    // A failed read is not remembered: the next open tries HubSpot again.
    answer.catch(() => cache.delete(portalId));
    return answer;
  };
};
export type PortalPropertiesReader = ReturnType<typeof portalPropertiesReader>;

export interface SettingsDataDeps {
  db: Db;
  readProperties: PortalPropertiesReader;
  requirePortalAdmin: RequestHandler;
}

const portalOf = (res: Response): number => (res.locals.admin as PortalAdmin).portalId;

/**
 * GET .../properties: the portal's company, deal, contact and feedback-submission properties with HubSpot's labels,
 * types and option labels, read through the door and kept briefly. POST .../scoring-config/fit-counts: how many
 * customers each fit rule of a (partial) draft matches.
 */
export const settingsDataRouter = (deps: SettingsDataDeps): Router => {
  const router = Router();
  router.get('/api/v1/portals/:portalId/properties', deps.requirePortalAdmin, async (_req, res) => {
    res.json(await deps.readProperties(portalOf(res)));
  });
  router.post('/api/v1/portals/:portalId/scoring-config/fit-counts', deps.requirePortalAdmin, async (req, res) => {
    const { config } = await draftOverCurrent(deps.db, portalOf(res), req.body);
    res.json(await countFit(deps.db, portalOf(res), config));
  });
  return router;
};
