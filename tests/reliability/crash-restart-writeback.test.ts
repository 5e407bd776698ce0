import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededStoreDir } from '../../bench/lib/seeded-store.ts';
import { doorForEmulator, quietLogger } from '../../bench/lib/waypoint.ts';
import { DEFAULT_NOW, generatePortal, Rng } from '../../emulator/generator/index.ts';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { provisionWaypointProperties } from '../../src/install/provisioning.ts';
import { scorePortal } from '../../src/jobs/score-portal.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { openStore } from '../../src/store/open-store.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';
import { startChild } from './helpers/child-process.ts';
import { runWithCrashes } from './helpers/crash-loop.ts';

const quick = process.env.RELIABILITY_QUICK === '1';
const SIZE = quick ? 'S' : 'M';
const TIME_SCALE = 0.01;
const PORTAL_ID = 9_300_001;
const BATCH_UPDATE = 'POST /crm/objects/2026-03/companies/batch/update';
const child = fileURLToPath(new URL('./helpers/writeback-child.ts', import.meta.url));
type Done = { type: 'done'; requests: number; written: number; failed: number };
const isDone = (m: unknown): m is Done => (m as { type?: string }).type === 'done';

type World = { emulator: Emulator; dataDir: string; token: string; cleanup(): Promise<void> };
const worlds: World[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.cleanup();
});

/** A HubSpot portal with Waypoint installed and its properties provisioned, and a store that has scored it. */
const scoredWorld = async (): Promise<World> => {
  const emulator = await startEmulator({ portals: [generatePortal({ size: SIZE, seed: 42, portalId: PORTAL_ID })], timeScale: TIME_SCALE, tokenTtlSeconds: 24 * 3600, webhooks: { enabled: false } });
  const seeded = await seededStoreDir({ size: SIZE, seed: 42, portalId: PORTAL_ID });
  const db = await openStore({ kind: 'pglite', dataDir: seeded.dataDir });
  await scorePortal({ db, clock: fixedClock(DEFAULT_NOW), logger: quietLogger(), snapshots: storeSnapshotSource(db) }, { portalId: PORTAL_ID });
  await db.close();
  const token = emulator.issueToken(PORTAL_ID).access_token;
  await provisionWaypointProperties(doorForEmulator({ baseUrl: emulator.baseUrl, tokens: { [PORTAL_ID]: token }, timeScale: TIME_SCALE, logger: quietLogger() }).forPortal(PORTAL_ID));
  const world = { emulator, dataDir: seeded.dataDir, token, cleanup: async () => { await emulator.stop(); await seeded.cleanup(); } };
  worlds.push(world);
  return world;
};

const writeBackWithCrashes = (world: World, killPoints: readonly number[]) =>
  runWithCrashes(() => startChild(child, [
    '--dataDir', world.dataDir, '--baseUrl', world.emulator.baseUrl, '--token', world.token, '--portalId', String(PORTAL_ID),
    '--timeScale', String(TIME_SCALE), '--now', DEFAULT_NOW,
  ]), killPoints, isDone);

const batchUpdates = (world: World) => world.emulator.stats().byPortal[String(PORTAL_ID)]?.byEndpoint[BATCH_UPDATE]?.count ?? 0;

/** Every company's Waypoint properties as HubSpot now holds them. */
const waypointValues = (world: World): Record<string, Record<string, string | null>> => {
  const portal = world.emulator.state.portal(PORTAL_ID);
  return Object.fromEntries(portal.portal.companies.map((c) => {
    const properties = portal.store.get('companies', c.id)?.properties ?? {};
    return [c.id, Object.fromEntries(Object.entries(properties).filter(([name]) => name.startsWith('waypoint_')))];
  }));
};

describe(`write-back of a scored ${SIZE} portal killed -9 and restarted`, () => {
  let uninterrupted: Done;
  let cleanUpdates = 0;
  let expected: ReturnType<typeof waypointValues> = {};
  beforeAll(async () => {
    const clean = await scoredWorld();
    uninterrupted = (await writeBackWithCrashes(clean, [])).done;
    cleanUpdates = batchUpdates(clean);
    expected = waypointValues(clean);
    await clean.cleanup();
    worlds.splice(0);
    // Nothing written would make every comparison below pass for nothing.
    expect(uninterrupted.written).toBeGreaterThan(0);
  }, 600_000);

  it.each(Array.from({ length: quick ? 2 : 5 }, (_, i) => [i + 1]))('when killed at seeded random moments (scenario %i), then HubSpot ends as after one clean write-back, with at most the batch in flight at each kill sent twice', async (scenario) => {
    const crashed = await scoredWorld();
    const rng = new Rng(2_000 + scenario);
    const points = Array.from({ length: quick ? 1 : 3 }, () => 1 + Math.floor(rng.next() * Math.max(1, uninterrupted.requests - 1)));
    const { done, kills } = await writeBackWithCrashes(crashed, points);
    expect(kills).toBeGreaterThan(0);
    expect(done.failed).toBe(0);
    expect(waypointValues(crashed)).toEqual(expected);
    expect(batchUpdates(crashed)).toBeLessThanOrEqual(cleanUpdates + kills);

    const before = batchUpdates(crashed);
    const again = (await writeBackWithCrashes(crashed, [])).done;
    expect(again.written).toBe(0);
    expect(batchUpdates(crashed)).toBe(before);
  });
});
