import type { Router } from 'express';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { portfolioRouter } from '../../src/server/routes/get-portfolio.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { CLIENT_SECRET, PUBLIC_BASE_URL, appWith, clock, installPortal } from './cards-support.ts';

/** An installed portal, an API key for it, and an app serving the portfolio's routes (and any others given). */
export const portfolioApp = async (db: Db, portalId: number, others: Router[] = []) => {
  await installPortal(db, portalId);
  const apiKeys = apiKeysRepository(db);
  const { key } = await mintApiKey({ apiKeys, clock }, { portalId, name: 'portfolio' });
  const requireAdmin = requirePortalAdmin({ apiKeys, clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock });
  return { key, app: appWith(db, [portfolioRouter({ db, clock, requireAdmin }), ...others]) };
};
