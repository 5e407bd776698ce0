import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import { overlayConfig } from '../../scoring/config-overlay.ts';
import { parseScoringConfig, type ScoringConfig } from '../../scoring/config.schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';

/**
 * A partial document laid over the portal's current config with the CLI's rules (objects merge, lists replace),
 * then validated whole. A bad draft is refused naming each path and why; nothing is stored either way here.
 */
export const draftOverCurrent = async (db: Db, portalId: number, partial: unknown): Promise<{ config: ScoringConfig; currentVersion: number | null }> => {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    throw new AppError('VALIDATION_FAILED', 'Scoring config is invalid: (root) must be a JSON object holding the settings to change');
  }
  const current = await effectiveScoringConfig(db, portalId);
  const parsed = parseScoringConfig(overlayConfig(current.config, partial));
  if (!parsed.ok) {
    const first = parsed.error[0];
    throw new AppError('VALIDATION_FAILED', `Scoring config is invalid: ${first ? `${first.path} ${first.message}` : 'unknown problem'}`, { details: parsed.error });
  }
  return { config: parsed.value, currentVersion: current.version };
};
