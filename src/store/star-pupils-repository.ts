import { starPupilProfileSchema, type StarPupilProfile } from '../scoring/star-pupils.ts';
import type { Queryable } from './db.ts';

export const starPupilsRepository = (db: Queryable) => ({
  async save(portalId: number, profile: StarPupilProfile): Promise<void> {
    await db.query(
      `INSERT INTO star_pupil_profiles (portal_id, profile, computed_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (portal_id) DO UPDATE SET profile = EXCLUDED.profile, computed_at = EXCLUDED.computed_at`,
      [portalId, JSON.stringify(profile), profile.computedAt],
    );
  },

  /** The portal's profile from its last whole-portal scoring run; null before it, or if the stored one no longer parses. */
  async latest(portalId: number): Promise<StarPupilProfile | null> {
    const rows = await db.query<{ profile: unknown }>('SELECT profile FROM star_pupil_profiles WHERE portal_id = $1', [portalId]);
    const parsed = starPupilProfileSchema.safeParse(rows[0]?.profile);
    return parsed.success ? parsed.data : null;
  },
});
