import { effectiveScoringConfig } from '../../portal-scoring/score-portal.ts';
import type { ScoringConfig } from '../../scoring/config.schema.ts';
import type { StarPupilProfile } from '../../scoring/star-pupils.ts';
import type { Db } from '../../store/db.ts';
import { starPupilsRepository } from '../../store/star-pupils-repository.ts';

export interface PortalCardContext {
  config: ScoringConfig;
  profile: StarPupilProfile | null;
}

// Every card of a portal reads the same scoring config and star-pupil profile; loading and parsing both on each
// first view cost two more queries queued on the embedded connection. They are kept per store and portal under the
// stamp the card's own statement reads (config version and time, profile time): a new version or profile changes
// the stamp, so nothing stale is served, whichever process wrote it.
const MAX_PORTALS = 10_000;
const kept = new WeakMap<Db, Map<number, { stamp: string; context: Promise<PortalCardContext> }>>();

export const portalCardContext = (db: Db, portalId: number, stamp: string): Promise<PortalCardContext> => {
  let portals = kept.get(db);
  if (!portals) kept.set(db, (portals = new Map()));
  const entry = portals.get(portalId);
  if (entry?.stamp === stamp) return entry.context;
  if (portals.size >= MAX_PORTALS) portals.clear();
  const context = Promise.all([effectiveScoringConfig(db, portalId), starPupilsRepository(db).latest(portalId)])
    .then(([{ config }, profile]) => ({ config, profile }));
  portals.set(portalId, { stamp, context });
  const own = portals;
  context.catch(() => {
    if (own.get(portalId)?.context === context) own.delete(portalId);
  });
  return context;
};
