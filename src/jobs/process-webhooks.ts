import { processWebhookEvents, type ProcessWebhooksDeps, type ProcessWebhooksResult } from '../sync/apply-webhook-events.ts';

export type { ProcessWebhooksDeps };

/** The 'process-webhooks' job: applies the portal's stored, not yet processed webhook events. */
export const processWebhooks = (deps: ProcessWebhooksDeps, input: { portalId: number }): Promise<ProcessWebhooksResult> =>
  processWebhookEvents(deps, input.portalId);
