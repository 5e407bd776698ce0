import { defaultScoringConfig } from '../scoring/defaults.ts';
import type { Db } from '../store/db.ts';
import { scoringConfigRepository } from '../store/scoring-config-repository.ts';
import { syncSettingsFrom, type SyncSettings } from './object-catalogue.ts';

/** The portal's latest saved scoring config decides who is a customer and which properties to read; the default until then. */
export const storedSyncSettings = (db: Db) => async (portalId: number): Promise<SyncSettings> => {
  const stored = await scoringConfigRepository(db).latest(portalId);
  return syncSettingsFrom(stored?.config ?? defaultScoringConfig);
};
