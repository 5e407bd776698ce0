import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generatePortal } from '../../emulator/generator/index.ts';
import { startEmulator, type Emulator } from '../../emulator/server/index.ts';
import { Rng } from '../../emulator/generator/index.ts';
import { markInstalled } from '../../bench/lib/production-workers.ts';
import { doorForEmulator, quietLogger } from '../../bench/lib/waypoint.ts';
import { provisionWaypointProperties } from '../../src/install/provisioning.ts';
import { startQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { freshPostgresDatabase } from '../helpers/stores.ts';
import { startChild, type ChildHandle } from './helpers/child-process.ts';
import { intervalsOf, isJobMessage, overlaps, type JobMessage } from './helpers/job-intervals.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('two-workers-postgres: DATABASE_URL is unset, so the two-worker stories on PostgreSQL are skipped');
const workerScript = fileURLToPath(new URL('./helpers/production-worker.ts', import.meta.url));
const TIME_SCALE = 0.02;
const PORTALS = 10;

type World = { emulator: Emulator; db: Db; url: string; drop(): Promise<void>; workers: ChildHandle[] };
const worlds: World[] = [];

const startWorld = async (): Promise<World> => {
  const fresh = await freshPostgresDatabase(databaseUrl as string);
  const db = await openStore({ kind: 'postgres', databaseUrl: fresh.url });
  const portals = Array.from({ length: PORTALS }, (_, i) => generatePortal({ size: 'S', seed: 100 + i, portalId: 9_100_001 + i }));
  const emulator = await startEmulator({ portals, timeScale: TIME_SCALE, tokenTtlSeconds: 24 * 3600, webhooks: { enabled: false } });
  // Installed and provisioned as an OAuth install leaves them, so the production handlers run every job after the sync too.
  const door = doorForEmulator({ baseUrl: emulator.baseUrl, tokens: Object.fromEntries(portals.map((p) => [String(p.portalId), emulator.issueToken(p.portalId).access_token])), timeScale: TIME_SCALE, logger: quietLogger() });
  for (const portal of portals) {
    await markInstalled(db, portal.portalId);
    await provisionWaypointProperties(door.forPortal(portal.portalId));
  }
  const world = { emulator, db, url: fresh.url, drop: fresh.drop, workers: [] };
  worlds.push(world);
  return world;
};

const startWorker = async (world: World, name: string): Promise<ChildHandle> => {
  const tokens = Object.fromEntries(world.emulator.portals.map((p) => [String(p.portalId), world.emulator.issueToken(p.portalId).access_token]));
  const worker = startChild(workerScript, ['--name', name, '--databaseUrl', world.url, '--baseUrl', world.emulator.baseUrl, '--tokens', JSON.stringify(tokens), '--timeScale', String(TIME_SCALE)]);
  world.workers.push(worker);
  await worker.waitFor((m): m is { type: 'ready' } => (m as { type?: string }).type === 'ready', 60_000);
  return worker;
};

const enqueueAll = async (world: World): Promise<void> => {
  const queue = await startQueue(world.db, createLogger({ level: 'silent' }));
  for (const portal of world.emulator.portals) expect(await queue.enqueue('sync-portal', portal.portalId, { mode: 'full' })).not.toBeNull();
  await queue.stop({ timeoutMs: 1_000 });
};

const jobMessages = (workers: readonly ChildHandle[]): JobMessage[] =>
  workers.flatMap((w) => w.messages.filter(isJobMessage)).sort((a, b) => a.at - b.at);

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const succeededPortals = async (db: Db): Promise<number[]> =>
  (await db.query<{ portal_id: string }>("SELECT DISTINCT portal_id FROM sync_runs WHERE kind = 'full' AND status = 'succeeded' ORDER BY portal_id"))
    .map((r) => Number(r.portal_id));

afterEach(async () => {
  for (const world of worlds.splice(0)) {
    await Promise.all(world.workers.map((w) => w.killHard()));
    await world.emulator.stop();
    await world.db.close();
    await world.drop();
  }
});

describe.skipIf(!databaseUrl)(`two worker processes on one PostgreSQL${databaseUrl ? '' : ' (skipped: DATABASE_URL unset)'}`, () => {
  it('when two workers share ten portals\' syncs, then every portal is synced once and never by both workers at once', async () => {
    const world = await startWorld();
    const workers = [await startWorker(world, 'A'), await startWorker(world, 'B')];
    await enqueueAll(world);
    await until(() => jobMessages(workers).filter((m) => m.type === 'end' && m.ok).length >= PORTALS, 240_000, 'ten finished syncs');

    const runs = intervalsOf(jobMessages(workers));
    expect(overlaps(runs)).toEqual([]);
    expect(new Set(runs.filter((r) => r.ok).map((r) => r.portalId)).size).toBe(PORTALS);
    expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(['A', 'B']));
    expect(await succeededPortals(world.db)).toEqual(world.emulator.portals.map((p) => p.portalId));
  });

  it('when one worker is killed -9 in the middle of a job, then the other finishes the remaining portals and, once the heartbeat lapses, the killed one\'s too', async () => {
    const world = await startWorld();
    const [victim, survivor] = [await startWorker(world, 'A'), await startWorker(world, 'B')];
    await enqueueAll(world);
    const firstStart = await victim.waitFor((m): m is JobMessage => isJobMessage(m) && m.type === 'start', 120_000);
    // A seeded moment inside the victim's first job, so the kill lands mid-sync rather than between jobs.
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.floor(new Rng(7).next() * 400)));
    const killedAt = Date.now();
    await victim.killHard();
    const orphans = intervalsOf(jobMessages([victim]), { A: killedAt }).filter((r) => r.ok === null).map((r) => r.portalId);
    expect(orphans).toContain(firstStart.portalId);

    const remaining = world.emulator.portals.map((p) => p.portalId).filter((id) => !orphans.includes(id));
    await until(async () => remaining.every((id) => jobMessages([victim, survivor]).some((m) => m.type === 'end' && m.ok && m.portalId === id)), 240_000, 'the survivor to finish the other portals');

    // The killed worker's job stops sending heartbeats; pg-boss fails it and the retry lands on the survivor.
    await until(async () => orphans.every((id) => jobMessages([survivor]).some((m) => m.type === 'end' && m.ok && m.portalId === id)), 240_000, 'the survivor to take over the killed worker\'s portal');

    const runs = intervalsOf(jobMessages([victim, survivor]), { A: killedAt });
    expect(overlaps(runs)).toEqual([]);
    expect(await succeededPortals(world.db)).toEqual(world.emulator.portals.map((p) => p.portalId));
  });
});
