import { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { effectiveScoringConfig, type SnapshotSource } from '../../portal-scoring/score-portal.ts';
import { defaultScoringConfig } from '../../scoring/defaults.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Db } from '../../store/db.ts';
import { scoringConfigRepository, type StoredScoringConfig } from '../../store/scoring-config-repository.ts';
import { actorOf, type PortalAdmin } from '../middleware/admin-auth.ts';
import { parseConfigAuthor } from '../scoring-config/config-author.ts';
import { draftOverCurrent } from '../scoring-config/config-draft.ts';
import { dryRunConfig, newlyReadProperties } from '../scoring-config/dry-run.ts';
import { dryRunRuns, type DryRunRuns } from '../scoring-config/dry-run-runs.ts';

export interface ScoringConfigRouteDeps {
  db: Db;
  clock: Clock;
  snapshots: SnapshotSource;
  /** The install engineer's requirePortalAdmin: API key or HubSpot-signed request for :portalId. */
  requirePortalAdmin: RequestHandler;
  /**
   * Called after a new version is saved, e.g. to enqueue score-portal so cards follow the new rules. `newlyRead`
   * names company properties the new config reads and the previous one did not: the store has not synced them yet.
   */
  onConfigSaved?: (portalId: number, saved: { newlyRead: readonly string[] }) => Promise<unknown>;
  /** Dry runs that outlast one request, kept in the store so any web process answers their polls. */
  dryRuns?: DryRunRuns;
  /** A dry run stops with an error after this long (default 15 minutes), so a huge portal cannot hold a process forever. */
  dryRunTimeoutMs?: number;
  /** Where a dry run's unexpected failure is logged (its poll only says it failed). */
  logger?: Logger;
}

const base = '/api/v1/portals/:portalId/scoring-config';
const HISTORY_LIMIT = 50;

const adminOf = (res: Response): PortalAdmin => res.locals.admin as PortalAdmin;
const versionSchema = z.coerce.number().int().positive();

const describeVersion = (stored: StoredScoringConfig) => ({
  version: stored.version,
  savedAt: stored.createdAt.toISOString(),
  savedBy: parseConfigAuthor(stored.createdBy),
});

/**
 * GET/PUT the portal's scoring config (PUT takes a partial document merged over the current one), POST .../dry-run
 * to see a draft's whole-portal effect first, GET .../versions for the history and POST .../versions/:v/rollback
 * (with .../versions/:v/dry-run before it) to go back.
 */
export const scoringConfigRouter = (deps: ScoringConfigRouteDeps): Router => {
  const router = Router();
  const runs = deps.dryRuns ?? dryRunRuns({ db: deps.db, clock: deps.clock, logger: deps.logger });
  const repository = scoringConfigRepository(deps.db);

  // "default" names the shipped config, so a portal can go back to where it started before its first save.
  const targetOf = async (portalId: number, raw: unknown): Promise<StoredScoringConfig['config']> =>
    raw === 'default' ? defaultScoringConfig : (await versionOf(portalId, raw)).config;
  const versionOf = async (portalId: number, raw: unknown): Promise<StoredScoringConfig> => {
    const version = versionSchema.safeParse(raw);
    if (!version.success) throw new AppError('VALIDATION_FAILED', 'version must be a positive whole number');
    const stored = await repository.version(portalId, version.data);
    if (!stored) throw new AppError('NOT_FOUND', `Portal ${portalId} has no scoring config version ${version.data}`);
    return stored;
  };
  const save = async (res: Response, config: StoredScoringConfig['config']) => {
    const admin = adminOf(res);
    const previous = await effectiveScoringConfig(deps.db, admin.portalId);
    const saved = await repository.save(admin.portalId, config, actorOf(admin), deps.clock.now());
    await deps.onConfigSaved?.(admin.portalId, { newlyRead: newlyReadProperties(previous.config, config) });
    res.json({ portalId: admin.portalId, isDefault: false, config: saved.config, ...describeVersion(saved) });
  };
  const startDryRun = async (res: Response, proposed: StoredScoringConfig['config']) => {
    const admin = adminOf(res);
    const status = await runs.start(admin.portalId, actorOf(admin), (onProgress) =>
      dryRunConfig(deps, admin.portalId, proposed, { onProgress, budgetMs: deps.dryRunTimeoutMs }));
    res.status(status.status === 'done' ? 200 : 202).json(status.status === 'done' ? status.report : status);
  };

  router.get(base, deps.requirePortalAdmin, async (_req, res) => {
    const { portalId } = adminOf(res);
    const { config, version } = await effectiveScoringConfig(deps.db, portalId);
    res.json({ portalId, version, isDefault: version === null, config });
  });
  router.put(base, deps.requirePortalAdmin, async (req, res) => {
    const { config } = await draftOverCurrent(deps.db, adminOf(res).portalId, req.body);
    await save(res, config);
  });
  router.post(`${base}/dry-run`, deps.requirePortalAdmin, async (req, res) => {
    const { config } = await draftOverCurrent(deps.db, adminOf(res).portalId, req.body);
    await startDryRun(res, config);
  });
  router.get(`${base}/dry-runs/:dryRunId`, deps.requirePortalAdmin, async (req, res) => {
    const status = await runs.status(adminOf(res).portalId, String(req.params.dryRunId).slice(0, 64));
    if (!status) throw new AppError('NOT_FOUND', 'No such dry run (it may have expired): start it again');
    res.status(status.status === 'done' ? 200 : 202).json(status.status === 'done' ? status.report : status);
  });
  router.get(`${base}/versions`, deps.requirePortalAdmin, async (_req, res) => {
    const { portalId } = adminOf(res);
    res.json({ portalId, versions: (await repository.history(portalId, HISTORY_LIMIT)).map(describeVersion) });
  });
  router.get(`${base}/versions/:version`, deps.requirePortalAdmin, async (req, res) => {
    const stored = await versionOf(adminOf(res).portalId, req.params.version);
    res.json({ ...describeVersion(stored), config: stored.config });
  });
  router.post(`${base}/versions/:version/dry-run`, deps.requirePortalAdmin, async (req, res) => {
    await startDryRun(res, await targetOf(adminOf(res).portalId, req.params.version));
  });
  router.post(`${base}/versions/:version/rollback`, deps.requirePortalAdmin, async (req, res) => {
    await save(res, await targetOf(adminOf(res).portalId, req.params.version));
  });
  return router;
};
