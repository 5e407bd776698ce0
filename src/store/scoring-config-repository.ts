import { z } from 'zod';
import { scoringConfigSchema, type ScoringConfig } from '../scoring/config.schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Db, Queryable } from './db.ts';

// Configs are versioned, never edited in place: every score snapshot names the version that produced it, so a
// change in cohort can always be traced to either the customer's data or an admin's config change.

const rowSchema = z.object({
  version: z.coerce.number().int().positive(),
  config: z.unknown(),
  created_at: z.coerce.date(),
  created_by: z.string().nullable(),
});

export interface StoredScoringConfig {
  version: number;
  config: ScoringConfig;
  createdAt: Date;
  createdBy: string | null;
}

const toStored = (portalId: number, row: unknown): StoredScoringConfig => {
  const r = rowSchema.parse(row);
  const parsed = scoringConfigSchema.safeParse(r.config);
  if (!parsed.success) {
    throw new AppError('CONFIG_INVALID', `Stored scoring config v${r.version} of portal ${portalId} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return { version: r.version, config: parsed.data, createdAt: r.created_at, createdBy: r.created_by };
};

const latestQuery = (db: Queryable, portalId: number) =>
  db.query(
    `SELECT version, config, created_at, created_by FROM scoring_configs WHERE portal_id = $1 ORDER BY version DESC LIMIT 1`,
    [portalId],
  );

export const scoringConfigRepository = (db: Db) => ({
  async latest(portalId: number): Promise<StoredScoringConfig | null> {
    const rows = await latestQuery(db, portalId);
    return rows[0] ? toStored(portalId, rows[0]) : null;
  },

  /** The portal's versions, newest first, at most `limit`. */
  async history(portalId: number, limit: number): Promise<StoredScoringConfig[]> {
    const rows = await db.query(
      'SELECT version, config, created_at, created_by FROM scoring_configs WHERE portal_id = $1 ORDER BY version DESC LIMIT $2',
      [portalId, limit],
    );
    return rows.map((row) => toStored(portalId, row));
  },

  async version(portalId: number, version: number): Promise<StoredScoringConfig | null> {
    const rows = await db.query('SELECT version, config, created_at, created_by FROM scoring_configs WHERE portal_id = $1 AND version = $2', [portalId, version]);
    return rows[0] ? toStored(portalId, rows[0]) : null;
  },

  /**
   * Saves the config as the portal's next version. The primary key (portal_id, version) turns two admins saving
   * at once into one success and one CONFLICT instead of a lost update.
   */
  async save(portalId: number, config: ScoringConfig, createdBy: string | null, now: Date): Promise<StoredScoringConfig> {
    try {
      const rows = await db.query(
        `INSERT INTO scoring_configs (portal_id, version, config, created_at, created_by)
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4 FROM scoring_configs WHERE portal_id = $1
         RETURNING version, config, created_at, created_by`,
        [portalId, JSON.stringify(config), now, createdBy],
      );
      return toStored(portalId, rows[0]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new AppError('CONFLICT', 'The scoring config was changed by someone else at the same time; reload and save again', { cause: error });
      }
      throw error;
    }
  },
});

export type ScoringConfigRepository = ReturnType<typeof scoringConfigRepository>;
