import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type WebhookEvent } from '../../emulator/server/index.ts';
import { clientFor, V } from './emulator-kit.ts';

interface Delivery { events: WebhookEvent[]; valid: boolean; at: number }

const secret = 'webhook-test-secret';
let receiver: Server;
let target = '';
let emulator: Emulator;
const deliveries: Delivery[] = [];
let failNext = 0;

// Checked here with node:crypto only, independently of the emulator's signing code.
const verify = (method: string, uri: string, body: string, timestamp: string, signature: string): boolean => {
  const expected = createHmac('sha256', secret).update(method + uri + body + timestamp).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      const valid = verify('POST', target, body, String(req.headers['x-hubspot-request-timestamp']), String(req.headers['x-hubspot-signature-v3']));
      deliveries.push({ events: JSON.parse(body) as WebhookEvent[], valid, at: Date.now() });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hubspot?source=emulator`;
  // A delivery the loaded machine answers late must not count as a failed attempt: the stories below count attempts.
  emulator = await startEmulator({ size: 'S', seed: 3, clientSecret: secret, appId: 77, webhookTarget: target, webhooks: { retryDelayMs: 20, timeoutMs: 300_000 }, limits: { enabled: false } });
});

afterAll(async () => {
  await emulator.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

const drain = async (): Promise<WebhookEvent[]> => {
  await emulator.webhooksIdle();
  return deliveries.splice(0).flatMap((d) => d.events);
};

describe('emulated webhooks', () => {
  it('when a user adds an engagement, then a signed object.creation event arrives that an independent v3 check accepts', async () => {
    const company = emulator.portals[0]!.companies[2]!;
    const call = emulator.mutate.addEngagement({ type: 'calls', companyId: company.id, properties: { hs_call_direction: 'INBOUND', hs_call_status: 'COMPLETED' } });
    await emulator.webhooksIdle();
    expect(deliveries.every((d) => d.valid)).toBe(true);
    const events = await drain();
    expect(events).toContainEqual(expect.objectContaining({
      subscriptionType: 'object.creation', objectId: Number(call.id), objectTypeId: '0-48', portalId: emulator.portals[0]!.portalId,
      appId: 77, changeSource: 'CRM_UI', attemptNumber: 0,
    }));
    expect(events).toContainEqual(expect.objectContaining({ subscriptionType: 'object.associationChange', fromObjectId: Number(call.id), toObjectId: Number(company.id), associationRemoved: false }));
  });

  it('when the app batch-updates companies, then propertyChange events carry changeSource INTEGRATION and sourceId app-<appId>', async () => {
    const id = emulator.portals[0]!.companies[5]!.id;
    const api = clientFor(emulator, emulator.issueToken().access_token);
    expect((await api.post(`${V}/companies/batch/update`, { inputs: [{ id, properties: { use_case: 'webhook check' } }] })).status).toBe(200);
    const events = await drain();
    expect(events).toEqual([expect.objectContaining({
      subscriptionType: 'object.propertyChange', objectId: Number(id), objectTypeId: '0-2', propertyName: 'use_case',
      propertyValue: 'webhook check', changeSource: 'INTEGRATION', sourceId: 'app-77',
    })]);
  });

  it('when 250 changes happen at once, then they arrive in batches of at most 100 with unique eventIds', async () => {
    const contacts = emulator.portals[0]!.children(0).contacts;
    for (let i = 0; i < 250; i++) emulator.mutate.setContactTitle({ contactId: contacts[i % contacts.length]!.id, jobtitle: `Title ${i}` });
    await emulator.webhooksIdle();
    const batches = deliveries.splice(0);
    expect(batches.every((b) => b.events.length <= 100 && b.valid)).toBe(true);
    const events = batches.flatMap((b) => b.events);
    expect(events).toHaveLength(250);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(250);
  });

  it('when the target fails, then the batch is retried with a higher attemptNumber and nothing is lost', async () => {
    failNext = 2;
    const ticket = emulator.portals[0]!.children(1).tickets.find((t) => t.properties.closed_date === null) ?? emulator.portals[0]!.children(1).tickets[0];
    if (!ticket) throw new Error('the portal has no ticket on company 1');
    emulator.mutate.closeTicket({ ticketId: ticket.id });
    const events = await drain();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.attemptNumber === 2)).toBe(true);
    expect(events.map((e) => e.propertyName)).toContain('hs_pipeline_stage');
    expect(emulator.stats().webhooks.failedAttempts).toBeGreaterThanOrEqual(2);
  });

  it('when companies are merged and deleted, then object.merge and object.deletion events are sent', async () => {
    const [a, b, c] = emulator.portals[0]!.companies.slice(20, 23);
    emulator.mutate.mergeCompanies({ primaryId: a!.id, mergedId: b!.id });
    emulator.mutate.deleteObject({ type: 'companies', id: c!.id });
    const events = await drain();
    expect(events).toContainEqual(expect.objectContaining({ subscriptionType: 'object.merge', objectId: Number(a!.id), mergedObjectIds: [Number(b!.id)] }));
    expect(events).toContainEqual(expect.objectContaining({ subscriptionType: 'object.deletion', objectId: Number(c!.id) }));
    const survivor = emulator.state.portal().store.get('companies', b!.id);
    expect(survivor?.id).toBe(a!.id);
    expect(survivor?.properties.hs_merged_object_ids).toBe(b!.id);
  });

  it('when delivery is disabled, then changes produce no deliveries', async () => {
    emulator.configureWebhooks({ enabled: false });
    emulator.mutate.contactLeft({ contactId: emulator.portals[0]!.children(3).contacts[0]!.id });
    expect(await drain()).toEqual([]);
    emulator.configureWebhooks({ enabled: true });
  });
});
