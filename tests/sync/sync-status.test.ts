import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import { runBackfill } from '../../src/jobs/backfill-portal.ts';
import { syncPortal } from '../../src/jobs/sync-portal.ts';
import { createApp } from '../../src/server/create-app.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { getSyncStatusRouter } from '../../src/server/routes/get-sync-status.ts';
import { systemClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { startHarness, type Harness } from './sync-harness.ts';

describe('sync progress', () => {
  let h: Harness;
  let app: ReturnType<typeof createApp>;
  let key: string;
  const lines: string[] = [];
  beforeAll(async () => {
    h = await startHarness({ seed: 5 });
    const apiKeys = apiKeysRepository(h.db);
    key = (await mintApiKey({ apiKeys, clock: systemClock }, { portalId: h.portalId, name: 'admin' })).key;
    const requireAdmin = requirePortalAdmin({ apiKeys, clientSecret: 'unused', publicBaseUrl: 'https://waypoint.example', clock: systemClock });
    app = createApp({ logger: createLogger({ level: 'silent' }), db: h.db, routers: [getSyncStatusRouter({ db: h.db, requireAdmin })] });
    const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    h.deps = { ...h.deps, logger: createLogger({ level: 'info' }, sink) };
  });
  afterAll(() => h.close());

  const status = () => request(app).get(`/api/v1/portals/${h.portalId}/sync-status`).set('authorization', `Bearer ${key}`);

  it('when a full sync is running, then the status shows its object type, pages, records, requests and ETA, and the logs say the same', async () => {
    // The sync sends each request only after the status has been read once more, so the reading keeps pace with
    // the sync however the machine's load divides the CPU between them.
    let statusRead: () => void = () => undefined;
    let nextRead = new Promise<void>((resolve) => { statusRead = resolve; });
    let lockstep = true;
    await h.restart({ fetchImpl: async (input, init) => {
      if (lockstep) await nextRead;
      return fetch(input, init);
    } });
    let finished = false;
    const running = syncPortal(h.deps, { portalId: h.portalId, mode: 'full' }).finally(() => { finished = true; });
    let seen: Record<string, unknown> | null = null;
    while (!seen && !finished) {
      const body = (await status()).body as { running: { progress: Record<string, unknown> } | null };
      if (body.running && Number(body.running.progress.pages) > 3) seen = body.running.progress;
      const read = statusRead;
      nextRead = new Promise<void>((resolve) => { statusRead = resolve; });
      read();
    }
    lockstep = false;
    statusRead();
    await running;
    await h.restart();
    expect(seen).toMatchObject({
      kind: 'full', objectType: expect.any(String), pages: expect.any(Number), records: expect.any(Number),
      requestsUsed: expect.any(Number), requestsPlanned: expect.any(Number),
    });
    expect(seen && 'etaSeconds' in seen).toBe(true);
    const progressLine = lines.map((l) => JSON.parse(l) as { msg: string; portalId?: number; progress?: object }).find((l) => l.msg === 'sync progress');
    expect(progressLine).toMatchObject({ portalId: h.portalId, progress: { kind: 'full', pages: expect.any(Number), requestsUsed: expect.any(Number) } });
  });

  it('when the sync has finished, then the status shows no running sync, the last run with its strategies, and the watermarks', async () => {
    const body = (await status()).body as Record<string, unknown>;
    expect(body).toMatchObject({
      running: null, interruptedFullSync: false,
      lastSucceeded: { kind: 'full', strategy: { emails: { strategy: expect.any(String), reason: expect.any(String) } } },
      watermarks: { companies: { sinceMs: expect.any(Number) } },
    });
  });

  it('when the backfill has run after the first sync, then the status shows its points and how many companies have their history', async () => {
    expect(((await status()).body as { backfill: unknown }).backfill).toBeNull();
    const report = await runBackfill({ ...h.deps, snapshots: storeSnapshotSource(h.db) }, { portalId: h.portalId });
    const body = (await status()).body as { backfill: Record<string, unknown> };
    expect(body.backfill).toMatchObject({ status: 'done', points: 26, intervalDays: 7, companiesDone: report?.companies, cardsStored: report?.cards });
    expect(report?.companies).toBeGreaterThan(0);
    expect(lines.some((l) => (JSON.parse(l) as { msg: string }).msg === 'backfill progress')).toBe(true);
  }, 120_000);

  it.each([
    { name: 'without credentials', auth: null, status: 401 },
    { name: "with another portal's key", auth: 'other', status: 404 },
  ])('when the status is asked for $name, then it is refused with $status', async ({ auth, status: expected }) => {
    const other = (await mintApiKey({ apiKeys: apiKeysRepository(h.db), clock: systemClock }, { portalId: h.portalId + 1, name: 'x' })).key;
    const call = request(app).get(`/api/v1/portals/${h.portalId}/sync-status`);
    const response = await (auth ? call.set('authorization', `Bearer ${other}`) : call);
    expect(response.status).toBe(expected);
  });
});
