import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureV3 } from '../../emulator/server/index.ts';
import { processWebhooks } from '../../src/jobs/process-webhooks.ts';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import type { RunningServer } from '../../src/server/listen.ts';
import { changeScenarios, storedValue } from './change-scenarios.ts';
import { startHarness, type Harness } from './sync-harness.ts';
import { startWebhookApp } from './webhook-app.ts';

describe('changes arriving by webhook', () => {
  let h: Harness;
  let app: { server: RunningServer; url: string; enqueued: number[] };
  beforeAll(async () => {
    h = await startHarness({ seed: 47 });
    await syncPortal(h.deps, { portalId: h.portalId, mode: 'full' });
    app = await startWebhookApp(h);
    h.emulator.configureWebhooks({ targetUrl: app.url, enabled: true });
  });
  afterAll(async () => {
    await app.server.close(1000);
    await h.close();
  });

  const deliverAndProcess = async () => {
    await h.emulator.webhooksIdle();
    return processWebhooks(h.deps, { portalId: h.portalId });
  };

  it.each(changeScenarios)('when $name in HubSpot, then the webhook brings it into the store without an incremental run', async (scenario) => {
    app.enqueued.length = 0;
    const change = scenario.make(h.emulator, h.portalId);
    const result = await deliverAndProcess();
    expect(app.enqueued).toContain(h.portalId);
    expect(await storedValue(h.db, h.portalId, change)).toEqual({ value: change.value, companies: [change.companyId] });
    expect(result.changedCompanies).toContain(change.companyId);
    expect(h.emulator.stats().webhooks.abandoned).toBe(0);
  });

  it('when a customer\'s email is deleted in HubSpot, then it leaves the store', async () => {
    const [email] = await h.db.query<{ id: string }>("SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = 'emails' ORDER BY object_id LIMIT 1", [h.portalId]);
    h.emulator.mutate.deleteObject({ portalId: h.portalId, type: 'emails', id: email?.id ?? '' });
    await deliverAndProcess();
    const left = await h.db.query('SELECT 1 FROM crm_objects WHERE portal_id = $1 AND object_type = $2 AND object_id = $3', [h.portalId, 'emails', email?.id]);
    expect(left).toHaveLength(0);
  });

  it('when two customers are merged in HubSpot, then the merged one leaves the store and its records follow the survivor', async () => {
    const ids = (await h.db.query<{ id: string }>(
      "SELECT DISTINCT to_id AS id FROM crm_associations WHERE portal_id = $1 AND from_type = 'emails' ORDER BY to_id LIMIT 2", [h.portalId],
    )).map((r) => r.id);
    const [primaryId = '', mergedId = ''] = ids;
    const mergedEmails = (await h.db.query<{ id: string }>(
      "SELECT from_id AS id FROM crm_associations WHERE portal_id = $1 AND from_type = 'emails' AND to_id = $2", [h.portalId, mergedId],
    )).map((r) => r.id);
    expect(mergedEmails.length).toBeGreaterThan(0);
    h.emulator.mutate.mergeCompanies({ portalId: h.portalId, primaryId, mergedId });
    await deliverAndProcess();
    const companies = await h.db.query("SELECT 1 FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' AND object_id = $2", [h.portalId, mergedId]);
    const moved = (await h.db.query<{ company: string }>(
      "SELECT DISTINCT to_id AS company FROM crm_associations WHERE portal_id = $1 AND from_type = 'emails' AND from_id = ANY($2::text[])", [h.portalId, mergedEmails],
    )).map((r) => r.company);
    expect({ mergedHeld: companies.length, linkedTo: moved }).toEqual({ mergedHeld: 0, linkedTo: [primaryId] });
    const stored = await h.db.query("SELECT 1 FROM crm_objects WHERE portal_id = $1 AND object_type = 'emails' AND object_id = ANY($2::text[])", [h.portalId, mergedEmails]);
    expect(stored).toHaveLength(mergedEmails.length);
  });

  it('when the events were all processed, then processing again applies nothing', async () => {
    const again = await processWebhooks(h.deps, { portalId: h.portalId });
    expect(again).toEqual({ processed: 0, changedCompanies: [] });
  });

  it('when Waypoint itself writes a company property, then its event is not acted on', async () => {
    const [company] = await h.db.query<{ id: string }>("SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = 'companies' LIMIT 1", [h.portalId]);
    const deliveredBefore = h.emulator.stats().webhooks.delivered;
    h.emulator.mutate.updateObject({
      portalId: h.portalId, type: 'companies', id: company?.id ?? '', properties: { waypoint_health_score: '42' },
      source: { changeSource: 'INTEGRATION', sourceId: `app-${h.emulator.appId}` },
    });
    await h.emulator.webhooksIdle();
    expect(h.emulator.stats().webhooks.delivered).toBeGreaterThan(deliveredBefore);
    expect(await processWebhooks(h.deps, { portalId: h.portalId })).toEqual({ processed: 0, changedCompanies: [] });
  });

  it('when HubSpot reports a contact privacy deletion, then nothing about the contact is left', async () => {
    const [contact] = await h.db.query<{ id: string }>("SELECT object_id AS id FROM crm_objects WHERE portal_id = $1 AND object_type = 'contacts' LIMIT 1", [h.portalId]);
    const id = contact?.id ?? '';
    const events = [
      { eventId: 900001, portalId: h.portalId, subscriptionType: 'object.propertyChange', objectTypeId: '0-1', objectId: Number(id), propertyName: 'email', propertyValue: 'private@example.com', changeSource: 'CRM_UI', occurredAt: Date.now() },
      { eventId: 900002, portalId: h.portalId, subscriptionType: 'contact.privacyDeletion', objectId: Number(id), changeSource: 'GDPR', occurredAt: Date.now() },
    ];
    const body = JSON.stringify(events);
    const timestamp = Date.now();
    const response = await fetch(app.url, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-hubspot-request-timestamp': String(timestamp), 'x-hubspot-signature-v3': signatureV3(h.emulator.clientSecret, 'POST', app.url, body, timestamp) },
    });
    expect(response.status).toBe(200);
    await processWebhooks(h.deps, { portalId: h.portalId });
    const held = await h.db.query(
      `SELECT 'object' FROM crm_objects WHERE portal_id = $1 AND object_type = 'contacts' AND object_id = $2
       UNION ALL SELECT 'link' FROM crm_associations WHERE portal_id = $1 AND from_type = 'contacts' AND from_id = $2
       UNION ALL SELECT 'event' FROM webhook_events WHERE portal_id = $1 AND payload->>'objectId' = $2 AND payload->>'propertyName' = 'email'`,
      [h.portalId, id],
    );
    expect(held).toEqual([]);
  });
});
