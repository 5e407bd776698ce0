import { Router, type RequestHandler, type Response } from 'express';
import type { HubSpotClient } from '../../hubspot/client.ts';
import { readPortalProperties, settingsObjectTypes, type PortalPropertiesResult, type SettingsObjectType } from '../../hubspot/portal-properties.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Db } from '../../store/db.ts';
import type { PortalAdmin } from '../middleware/admin-auth.ts';
import { draftOverCurrent } from '../scoring-config/config-draft.ts';
import { countFit } from '../scoring-config/fit-counts.ts';

export interface SettingsDataDeps {
  db: Db;
  clock: Clock;
  hubspot: Pick<HubSpotClient, 'forPortal'>;
  requirePortalAdmin: RequestHandler;
  /** How long a portal's property list is served from memory (default 60 s): a page opens many pickers at once. */
  cacheMs?: number;
}

type PropertiesAnswer = { fetchedAt: string; objects: Record<SettingsObjectType, PortalPropertiesResult> };

const portalOf = (res: Response): number => (res.locals.admin as PortalAdmin).portalId;

/**
 * GET .../properties: the portal's company, deal, contact and feedback-submission properties with HubSpot's labels,
 * types and option labels, read through the door and kept briefly. POST .../scoring-config/fit-counts: how many
 * customers each fit rule of a (partial) draft matches.
 */
export const settingsDataRouter = (deps: SettingsDataDeps): Router => {
  const router = Router();
  const cacheMs = deps.cacheMs ?? 60_000;
  const cache = new Map<number, { at: number; answer: Promise<PropertiesAnswer> }>();

  const propertiesOf = (portalId: number): Promise<PropertiesAnswer> => {
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

  router.get('/api/v1/portals/:portalId/properties', deps.requirePortalAdmin, async (_req, res) => {
    res.json(await propertiesOf(portalOf(res)));
  });
  router.post('/api/v1/portals/:portalId/scoring-config/fit-counts', deps.requirePortalAdmin, async (req, res) => {
    const { config } = await draftOverCurrent(deps.db, portalOf(res), req.body);
    res.json(await countFit(deps.db, portalOf(res), config));
  });
  return router;
};
