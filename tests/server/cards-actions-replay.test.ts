import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { CARD_ACTION_WINDOW_MS } from '../../src/server/cards/card-actions.ts';
import { cardActionsRouter } from '../../src/server/routes/post-card-actions.ts';
import { verifyHubSpotSignature } from '../../src/server/middleware/verify-hubspot-signature.ts';
import type { Db } from '../../src/store/db.ts';
import { playValue } from '../../src/writeback/play-values.ts';
import { createCardCache } from '../../src/server/cards/card-cache.ts';
import { scoringRequests } from '../../src/composition/services.ts';
import { inlineQueue } from '../helpers/inline-queue.ts';
import { NOW, healthyCard, memoryStore } from '../writeback/support.ts';
import { CLIENT_SECRET, PUBLIC_BASE_URL, addCompany, addScores, appWith, cardPath, installPortal, signV3, silentLogger } from './cards-support.ts';

describe('a create-task request replayed within HubSpot\'s signature window, against the emulator', () => {
  let emulator: Emulator;
  let db: Db;
  let app: ReturnType<typeof appWith>;
  let portalId: number;
  let companyId: string;
  let ownerId: string;
  let now = NOW;
  const clock = { now: () => now };

  const tasksCreated = () => emulator.stats().byPortal[String(portalId)]?.byEndpoint['POST /crm/objects/2026-03/tasks']?.count ?? 0;
  const signedPost = (body: object) => {
    const path = cardPath(portalId, companyId, '/api/cards/actions/create-task');
    const json = JSON.stringify(body);
    const headers = signV3({ method: 'POST', url: `${PUBLIC_BASE_URL}${path}`, body: json, timestamp: now.getTime() });
    return () => request(app).post(path).set(headers).set('content-type', 'application/json').send(json);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ size: 'S', seed: 3, webhooks: { enabled: false } });
    portalId = emulator.state.portalIds()[0] ?? 0;
    const token = emulator.issueToken(portalId).access_token;
    const hubspot = createHubSpotClient({ baseUrl: emulator.baseUrl, tokenProvider: { getAccessToken: async () => token }, logger: silentLogger });
    for await (const page of hubspot.forPortal(portalId).listObjects('companies', { properties: ['name'] })) {
      companyId = page.results[0]!.id;
      break;
    }
    db = await memoryStore();
    await installPortal(db, portalId);
    ownerId = emulator.state.portal(portalId).portal.owners[0]!.id;
    await addCompany(db, portalId, companyId, { name: 'Replay Analytics', hubspot_owner_id: ownerId });
    await addScores(db, portalId, [healthyCard(companyId)]);
    app = appWith(db, [cardActionsRouter({
      db, clock, logger: silentLogger, hubspot, cardCache: createCardCache(),
      requestScoring: scoringRequests(db, inlineQueue()),
      verifyHubSpotSignature: verifyHubSpotSignature({ clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock }),
    })]);
  });
  afterAll(async () => {
    await db.close();
    await emulator.stop();
  });

  it('when the same signed request arrives twice, then one task exists, both answers name it, and it names the owner as HubSpot\'s owners API does', async () => {
    const play = playValue(healthyCard(companyId).nextPlay.play);
    const replay = signedPost({ play, idempotencyKey: 'click-0001-abcdef' });
    const before = tasksCreated();
    const first = await replay();
    expect(first.body).toMatchObject({ status: 'ok' });
    const second = await replay();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.taskId).toBe(first.body.taskId);
    expect(tasksCreated() - before).toBe(1);
    const task = emulator.state.portal(portalId).store.get('tasks', String(first.body.taskId));
    expect(task?.properties.hubspot_owner_id).toBe(ownerId);
    const owner = emulator.state.portal(portalId).portal.owners[0]!;
    expect(task?.properties.hs_task_body).toContain(`Owner: ${owner.firstName} ${owner.lastName} (${owner.email}), the company owner`);
    expect(task?.properties.hs_task_body).toMatch(/^Contact: /m);
  });

  it('when a second click sends the same action for the same company within the window, then no second task is created', async () => {
    const play = playValue(healthyCard(companyId).nextPlay.play);
    const before = tasksCreated();
    now = new Date(NOW.getTime() + 60_000);
    const again = await signedPost({ play, idempotencyKey: 'click-0002-abcdef' })();
    expect(again.status).toBe(200);
    expect(tasksCreated() - before).toBe(0);
  });

  it('when the window has passed, then the same action creates a new task', async () => {
    const play = playValue(healthyCard(companyId).nextPlay.play);
    const before = tasksCreated();
    now = new Date(NOW.getTime() + 2 * CARD_ACTION_WINDOW_MS);
    const later = await signedPost({ play, idempotencyKey: 'click-0003-abcdef' })();
    expect(later.status).toBe(200);
    expect(tasksCreated() - before).toBe(1);
  });
});
