import { createApp } from '../../src/server/create-app.ts';
import { listen, type RunningServer } from '../../src/server/listen.ts';
import { postWebhooksRouter } from '../../src/server/routes/post-webhooks.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { installationsRepository } from '../../src/store/installations-repository.ts';
import type { Harness } from './sync-harness.ts';

/** Waypoint's web role on loopback with only the webhook route, signing checked against the emulator's app. */
export const startWebhookApp = async (h: Harness): Promise<{ server: RunningServer; url: string; enqueued: number[] }> => {
  const enqueued: number[] = [];
  // Events are kept only for installed portals; the harness's portal is installed as a real install would leave it.
  await installationsRepository(h.db).upsertActive({
    portalId: h.portalId, scopes: ['oauth'], hubDomain: null, accessTokenEnc: 'k1:a', refreshTokenEnc: 'k1:r', accessExpiresAt: new Date(), now: new Date(),
  });
  const signature = { clientSecret: h.emulator.clientSecret, publicBaseUrl: 'http://127.0.0.1', clock: systemClock };
  const logger = createLogger({ level: 'silent' });
  const router = postWebhooksRouter({
    db: h.db, logger, signature, appId: String(h.emulator.appId),
    enqueueProcessing: async (portalId) => {
      enqueued.push(portalId);
    },
  });
  const server = await listen(createApp({ logger, db: h.db, routers: [router] }), 0, '127.0.0.1');
  // HubSpot signs the URL it called; the public base URL is only known once the port is.
  signature.publicBaseUrl = `http://127.0.0.1:${server.port}`;
  return { server, url: `http://127.0.0.1:${server.port}/webhooks/hubspot`, enqueued };
};
