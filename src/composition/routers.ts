import type { Router } from 'express';
import { cardDataRouter } from '../server/routes/get-card-data.ts';
import { cardActionsRouter } from '../server/routes/post-card-actions.ts';
import { previewRouter } from '../server/routes/get-preview-company.ts';
import { apiKeysRouter } from '../server/routes/api-keys.ts';
import { portalPropertiesReader, settingsDataRouter } from '../server/routes/settings-data.ts';
import { scoringConfigRouter } from '../server/routes/scoring-config.ts';
import { postWebhooksRouter } from '../server/routes/post-webhooks.ts';
import { portalOfApiKey, postUsageRouter } from '../server/routes/post-usage.ts';
import { getSyncStatusRouter } from '../server/routes/get-sync-status.ts';
import { starPupilsRouter } from '../server/routes/get-star-pupils.ts';
import { portfolioRouter } from '../server/routes/get-portfolio.ts';
import { backtestRouter } from '../server/routes/get-backtest.ts';
import { installRouter, requestAuth } from './install-routes.ts';
import type { Services } from './services.ts';

/** Every feature's routes, each built from exactly the dependencies it needs. */
export const buildRouters = (services: Services, options: { sandbox: boolean; enqueueFullSync(portalId: number): Promise<unknown> }): Router[] => {
  const { db, clock, logger, install, hubspot, snapshots, settings, queue, cardCache, requestScoring } = services;
  const { signature } = install;
  const auth = requestAuth(install);
  const readProperties = portalPropertiesReader({ clock, hubspot });
  const enqueueBacktest = (portalId: number) => queue.enqueue('backtest-portal', portalId);
  const routers = [
    installRouter(install, { hubspot, enqueueFullSync: options.enqueueFullSync, auth, logger }),
    postWebhooksRouter({ db, logger, signature, appId: settings.appId, enqueueProcessing: (portalId) => queue.enqueue('process-webhooks', portalId) }),
    postUsageRouter({ db, clock, verifyApiKey: portalOfApiKey(install.apiKeys, clock), requestScoring: services.requestScoring }),
    getSyncStatusRouter({ db, requireAdmin: auth.requirePortalAdmin }),
    portfolioRouter({ db, clock, requireAdmin: auth.requirePortalAdmin }),
    starPupilsRouter({ db, requireAdmin: auth.requirePortalAdmin }),
    backtestRouter({ db, clock, requireAdmin: auth.requirePortalAdmin, enqueueBacktest }),
    scoringConfigRouter({ db, clock, snapshots, logger, requirePortalAdmin: auth.requirePortalAdmin, onConfigSaved: async (portalId, { newlyRead }) => {
      await services.requestScoring(portalId);
      // A property the store has never read would score as empty until the nightly full sync: read it now.
      if (newlyRead.length > 0) await options.enqueueFullSync(portalId);
    } }),
    settingsDataRouter({ db, readProperties, requirePortalAdmin: auth.requirePortalAdmin }),
    apiKeysRouter({ apiKeys: install.apiKeys, clock, requirePortalAdmin: auth.requirePortalAdmin }),
    cardDataRouter({ db, cardCache, verifyHubSpotSignature: auth.verifyHubSpotSignature }),
    cardActionsRouter({ db, clock, logger, hubspot, cardCache, requestScoring, verifyHubSpotSignature: auth.verifyHubSpotSignature }),
  ];
  // The preview shows any installed portal's cards without HubSpot's signature: only for the local demo.
  if (options.sandbox) routers.push(previewRouter({ db, clock, readProperties, enqueueBacktest }));
  return routers;
};
