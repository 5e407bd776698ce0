import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { portalLogger, type Logger } from '../../shared/logger.ts';
import type { Db } from '../../store/db.ts';
import { installationsRepository } from '../../store/installations-repository.ts';
import { webhookEventsRepository } from '../../store/webhook-events-repository.ts';
import { isOwnChange, webhookBatchSchema, type WebhookEvent } from '../../sync/webhook-events.ts';
import { checkHubSpotSignature, signatureError, type SignatureCheckDeps } from '../middleware/verify-hubspot-signature.ts';

export interface PostWebhooksDeps {
  db: Db;
  logger: Logger;
  signature: SignatureCheckDeps;
  /** HUBSPOT_APP_ID: events caused by Waypoint's own writes carry sourceId app-<appId>. */
  appId: string;
  enqueueProcessing(portalId: number): Promise<unknown>;
}

/**
 * POST /webhooks/hubspot: verify, persist, enqueue, answer. Nothing is fetched here, so HubSpot gets its answer well
 * within its timeout; a redelivered event (same eventId) is stored once and processed once.
 */
export const postWebhooksRouter = (deps: PostWebhooksDeps): Router => {
  const router = Router();
  router.post('/webhooks/hubspot', async (req, res) => {
    const verdict = checkHubSpotSignature(req, deps.signature);
    if (!verdict.valid) throw signatureError(verdict);
    const parsed = webhookBatchSchema.safeParse(req.body);
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', `Webhook batch: ${z.prettifyError(parsed.error)}`);

    const byPortal = new Map<number, WebhookEvent[]>();
    let ignored = 0;
    for (const event of parsed.data) {
      if (isOwnChange(event, deps.appId)) {
        ignored += 1;
        continue;
      }
      byPortal.set(event.portalId, [...(byPortal.get(event.portalId) ?? []), event]);
    }
    let accepted = 0;
    let dropped = 0;
    for (const [portalId, events] of byPortal) {
      // HubSpot keeps delivering for a while after an uninstall, and anyone can sign for their own app's portals:
      // events for a portal Waypoint does not serve are answered (so HubSpot stops retrying) and never stored.
      const installation = await installationsRepository(deps.db).find(portalId);
      if (!installation || installation.status === 'uninstalled') {
        dropped += events.length;
        portalLogger(deps.logger, portalId).info({ received: events.length }, 'webhook events dropped: portal not installed');
        continue;
      }
      const fresh = await webhookEventsRepository(deps.db).insert(portalId, events.map((event) => ({ eventId: event.eventId, payload: event })));
      accepted += fresh.length;
      if (fresh.length > 0) await deps.enqueueProcessing(portalId);
      portalLogger(deps.logger, portalId).info({ received: events.length, accepted: fresh.length }, 'webhook events stored');
    }
    res.status(200).json({ accepted, duplicates: parsed.data.length - ignored - accepted - dropped, ignored, dropped });
  });
  return router;
};
