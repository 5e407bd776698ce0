import { Router, type RequestHandler, type Response } from 'express';
import { effectiveScoringConfig, type SnapshotSource } from '../../jobs/score-portal.ts';
import { parseScoringConfig, type ScoringConfig } from '../../scoring/config.schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { scoringConfigRepository } from '../../store/scoring-config-repository.ts';
import type { PortalAdmin } from '../middleware/admin-auth.ts';
import { dryRunConfig } from '../scoring-config/dry-run.ts';

export interface ScoringConfigRouteDeps {
  db: Db;
  clock: Clock;
  snapshots: SnapshotSource;
  /** The install engineer's requirePortalAdmin: API key or HubSpot-signed request for :portalId. */
  requirePortalAdmin: RequestHandler;
  /** Called after a new version is saved, e.g. to enqueue score-portal so cards follow the new rules. */
  onConfigSaved?: (portalId: number) => Promise<unknown>;
}

const base = '/api/v1/portals/:portalId/scoring-config';

const adminOf = (res: Response): PortalAdmin => res.locals.admin as PortalAdmin;

const parseBody = (body: unknown): ScoringConfig => {
  const parsed = parseScoringConfig(body);
  if (!parsed.ok) {
    const first = parsed.error[0];
    throw new AppError('VALIDATION_FAILED', `Scoring config is invalid: ${first ? `${first.path} ${first.message}` : 'unknown problem'}`, { details: parsed.error });
  }
  return parsed.value;
};

/** GET/PUT the portal's scoring config (versioned) and POST .../dry-run to see a draft's effect before saving it. */
export const scoringConfigRouter = (deps: ScoringConfigRouteDeps): Router => {
  const router = Router();
  router.get(base, deps.requirePortalAdmin, async (_req, res) => {
    const { portalId } = adminOf(res);
    const { config, version } = await effectiveScoringConfig(deps.db, portalId);
    res.json({ portalId, version, isDefault: version === null, config });
  });
  router.put(base, deps.requirePortalAdmin, async (req, res) => {
    const admin = adminOf(res);
    const config = parseBody(req.body);
    const createdBy = admin.via === 'api_key' ? `api_key:${admin.keyPrefix}` : 'hubspot';
    const saved = await scoringConfigRepository(deps.db).save(admin.portalId, config, createdBy, deps.clock.now());
    await deps.onConfigSaved?.(admin.portalId);
    res.json({ portalId: admin.portalId, version: saved.version, isDefault: false, config: saved.config });
  });
  router.post(`${base}/dry-run`, deps.requirePortalAdmin, async (req, res) => {
    const { portalId } = adminOf(res);
    const proposed = parseBody(req.body);
    res.json(await dryRunConfig(deps, portalId, proposed));
  });
  return router;
};
