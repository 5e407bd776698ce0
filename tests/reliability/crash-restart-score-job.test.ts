import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { markInstalled } from '../../bench/lib/production-workers.ts';
import { seededStoreDir } from '../../bench/lib/seeded-store.ts';
import { doorForEmulator, quietLogger } from '../../bench/lib/waypoint.ts';
import { DEFAULT_NOW, generatePortal, Rng } from '../../emulator/generator/index.ts';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { provisionWaypointProperties } from '../../src/install/provisioning.ts';
import { openStore } from '../../src/store/open-store.ts';
import { rescoreRequestsRepository } from '../../src/store/rescore-requests-repository.ts';
import { startChild } from './helpers/child-process.ts';
import { runWithCrashes } from './helpers/crash-loop.ts';

const quick = process.env.RELIABILITY_QUICK === '1';
const SIZE = quick ? 'S' : 'M';
const TIME_SCALE = 0.01;
const PORTAL_ID = 9_300_001;
const BATCH_UPDATE = 'POST /crm/objects/2026-03/companies/batch/update';
const child = fileURLToPath(new URL('./helpers/score-job-child.ts', import.meta.url));
type Done = { type: 'done'; requests: number; stored: number; cardRows: number; cards: string; pending: number };
const isDone = (m: unknown): m is Done => (m as { type?: string }).type === 'done';

// One seeded store (a synced portal's customers) copied for every world, since seeding is the slow part.
let seeded: { dataDir: string; cleanup(): Promise<void> };
beforeAll(async () => {
  seeded = await seededStoreDir({ size: SIZE, seed: 42, portalId: PORTAL_ID });
}, 600_000);
afterAll(async () => seeded?.cleanup());

type World = { emulator: Emulator; dataDir: string; token: string; cleanup(): Promise<void> };
const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.cleanup();
});

/**
 * A HubSpot portal with Waypoint installed and its properties provisioned, and a store that has synced it and asked
 * for every customer to be scored, as the install's first full sync leaves it.
 */
const installedWorld = async (): Promise<World> => {
  const emulator = await startEmulator({ portals: [generatePortal({ size: SIZE, seed: 42, portalId: PORTAL_ID })], timeScale: TIME_SCALE, tokenTtlSeconds: 24 * 3600, webhooks: { enabled: false } });
  const dataDir = await mkdtemp(join(tmpdir(), 'waypoint-score-job-'));
  await cp(seeded.dataDir, dataDir, { recursive: true });
  const db = await openStore({ kind: 'pglite', dataDir });
  await markInstalled(db, PORTAL_ID);
  await rescoreRequestsRepository(db).add(PORTAL_ID);
  await db.close();
  const token = emulator.issueToken(PORTAL_ID).access_token;
  await provisionWaypointProperties(doorForEmulator({ baseUrl: emulator.baseUrl, tokens: { [PORTAL_ID]: token }, timeScale: TIME_SCALE, logger: quietLogger() }).forPortal(PORTAL_ID));
  const world = { emulator, dataDir, token, cleanup: async () => { await emulator.stop(); await rm(dataDir, { recursive: true, force: true }); } };
  worlds.push(world);
  return world;
};

const scoreJobWithCrashes = (world: World, killPoints: readonly number[], counter: 'stored' | 'request') =>
  runWithCrashes(() => startChild(child, [
    '--dataDir', world.dataDir, '--baseUrl', world.emulator.baseUrl, '--token', world.token, '--portalId', String(PORTAL_ID),
    '--timeScale', String(TIME_SCALE), '--now', DEFAULT_NOW,
  ]), killPoints, isDone, 300_000, counter);

const batchUpdates = (world: World) => world.emulator.stats().byPortal[String(PORTAL_ID)]?.byEndpoint[BATCH_UPDATE]?.count ?? 0;

/** Every company's Waypoint properties as HubSpot now holds them. */
const waypointValues = (world: World): Record<string, Record<string, string | null>> => {
  const portal = world.emulator.state.portal(PORTAL_ID);
  return Object.fromEntries(portal.portal.companies.map((c) => {
    const properties = portal.store.get('companies', c.id)?.properties ?? {};
    return [c.id, Object.fromEntries(Object.entries(properties).filter(([name]) => name.startsWith('waypoint_')))];
  }));
};

describe(`the score job of a ${SIZE} portal killed -9 and restarted`, () => {
  let clean: Done;
  let cleanUpdates = 0;
  let expected: ReturnType<typeof waypointValues> = {};
  beforeAll(async () => {
    const world = await installedWorld();
    clean = (await scoreJobWithCrashes(world, [], 'request')).done;
    cleanUpdates = batchUpdates(world);
    expected = waypointValues(world);
    await world.cleanup();
    worlds.splice(0);
    // Nothing scored or written would make every comparison below pass for nothing.
    expect(clean.cardRows).toBeGreaterThan(100);
    expect(Object.values(expected).filter((values) => values.waypoint_health_score).length).toBe(clean.cardRows);
  }, 600_000);

  /** After the crashed runs: HubSpot and the store end exactly as after one clean run, and nothing is left pending. */
  const expectLikeTheCleanRun = (world: World, done: Done) => {
    expect(done.pending).toBe(0);
    expect(done.cardRows).toBe(clean.cardRows);
    expect(done.cards).toBe(clean.cards);
    expect(waypointValues(world)).toEqual(expected);
  };

  const scenarios = Array.from({ length: quick ? 2 : 4 }, (_, i) => [i + 1]);

  it.each(scenarios)('when killed while scoring (scenario %i), then the restarted job stores and writes back every company exactly as a clean run', async (scenario) => {
    const world = await installedWorld();
    const rng = new Rng(3_000 + scenario);
    const points = Array.from({ length: quick ? 1 : 2 }, () => 1 + Math.floor(rng.next() * clean.cardRows * 0.8));
    const { done, kills } = await scoreJobWithCrashes(world, points, 'stored');
    expect(kills).toBeGreaterThan(0);
    expectLikeTheCleanRun(world, done);
    expect(batchUpdates(world)).toBe(cleanUpdates);
  });

  it.each(scenarios)('when killed while writing back (scenario %i), then HubSpot ends as after a clean run, with at most the batch in flight at each kill sent twice', async (scenario) => {
    const world = await installedWorld();
    const rng = new Rng(2_000 + scenario);
    const points = Array.from({ length: quick ? 1 : 3 }, () => 1 + Math.floor(rng.next() * Math.max(1, clean.requests - 1)));
    const { done, kills } = await scoreJobWithCrashes(world, points, 'request');
    expect(kills).toBeGreaterThan(0);
    expectLikeTheCleanRun(world, done);
    expect(batchUpdates(world)).toBeLessThanOrEqual(cleanUpdates + kills);

    // Everything was recorded as written: rescoring the whole portal again sends HubSpot nothing.
    const db = await openStore({ kind: 'pglite', dataDir: world.dataDir });
    await rescoreRequestsRepository(db).add(PORTAL_ID);
    await db.close();
    const before = batchUpdates(world);
    const again = (await scoreJobWithCrashes(world, [], 'request')).done;
    expect(again).toMatchObject({ requests: 0, stored: 0, pending: 0 });
    expect(batchUpdates(world)).toBe(before);
  });
});
