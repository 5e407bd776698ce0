import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintApiKey } from '../../src/install/api-keys.ts';
import type { SnapshotSource } from '../../src/portal-scoring/score-portal.ts';
import { requirePortalAdmin } from '../../src/server/middleware/admin-auth.ts';
import { scoringConfigRouter } from '../../src/server/routes/scoring-config.ts';
import { dryRunRuns } from '../../src/server/scoring-config/dry-run-runs.ts';
import type { DryRunReport } from '../../src/server/scoring-config/dry-run.ts';
import { fixedClock, type Clock } from '../../src/shared/clock.ts';
import { apiKeysRepository } from '../../src/store/api-keys-repository.ts';
import type { Db, Queryable } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { freshPostgresDatabase } from '../helpers/stores.ts';
import { aSnapshot, inboundEmail, usageLine } from '../scoring/support/snapshot.ts';
import { CLIENT_SECRET, NOW_MS, PUBLIC_BASE_URL, appWith } from './scoring-config-support.ts';

const PORTAL = 1001;
const OTHER = 2002;
const base = (portalId = PORTAL) => `/api/v1/portals/${portalId}/scoring-config`;
const companies = ['1', '2', '3'].map((id) => aSnapshot({ company: { id, activeUsers30d: 40 }, engagements: [inboundEmail(12)], usage: usageLine(40, 40) }));

// Each web process behind the load balancer is its own app with its own routers; they share only the store.
const webProcess = (db: Db, clock: Clock, snapshots: SnapshotSource) => {
  const admin = requirePortalAdmin({ apiKeys: apiKeysRepository(db), clientSecret: CLIENT_SECRET, publicBaseUrl: PUBLIC_BASE_URL, clock });
  return appWith(db, [scoringConfigRouter({ db, clock, snapshots, requirePortalAdmin: admin })]);
};

const gatedSource = () => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => { release = resolve; });
  const snapshots: SnapshotSource = {
    async *load() {
      await gate;
      yield* companies;
    },
  };
  return { snapshots, release };
};

// A process that never serves this run: its source would hang, and the test fails if the poll ever reached it.
const never: SnapshotSource = {
  async *load() {
    await new Promise(() => {});
    yield* [];
  },
};
const clockAt = (offsetMs: number) => fixedClock(new Date(NOW_MS + offsetMs));
const report = { companies: 3 } as DryRunReport;

/** A store handle that says when a run's result write has gone through. */
const watchingResults = (db: Queryable) => {
  let written = () => {};
  const resultWritten = new Promise<void>((resolve) => { written = resolve; });
  const watched: Queryable = {
    query: async <Row>(sql: string, params?: readonly unknown[]) => {
      const rows = await db.query<Row>(sql, params);
      if (sql.includes('SET state = $2')) written();
      return rows;
    },
  };
  return { db: watched, resultWritten };
};

// Two web processes on one store: the embedded store is one process's, so both share it; on PostgreSQL each has its own pool.
type TwoProcesses = { name: string; open(): Promise<{ a: Db; b: Db; cleanup(): Promise<void> }> };
const stores: TwoProcesses[] = [{
  name: 'pglite',
  open: async () => {
    const db = await openStore({ kind: 'pglite', dataDir: undefined });
    return { a: db, b: db, cleanup: () => db.close() };
  },
}];
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  stores.push({
    name: 'postgres',
    open: async () => {
      const fresh = await freshPostgresDatabase(databaseUrl);
      const a = await openStore({ kind: 'postgres', databaseUrl: fresh.url });
      const b = await openStore({ kind: 'postgres', databaseUrl: fresh.url });
      return { a, b, cleanup: async () => { await a.close(); await b.close(); await fresh.drop(); } };
    },
  });
}

describe.each(stores)('dry runs shared between web processes ($name)', (store) => {
  let dbA: Db;
  let dbB: Db;
  let cleanup: () => Promise<void>;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    const opened = await store.open();
    ({ a: dbA, b: dbB, cleanup } = opened);
    const apiKeys = apiKeysRepository(dbA);
    key = (await mintApiKey({ apiKeys, clock: clockAt(0) }, { portalId: PORTAL, name: 'admin' })).key;
    otherKey = (await mintApiKey({ apiKeys, clock: clockAt(0) }, { portalId: OTHER, name: 'other' })).key;
  });
  afterAll(() => cleanup());

  it('when a dry run starts on one web process and is polled on another, then the other answers running and then the report', async () => {
    const source = gatedSource();
    const processA = webProcess(dbA, clockAt(0), source.snapshots);
    const processB = webProcess(dbB, clockAt(0), never);
    const poll = () => request(processB).get(`${base()}/dry-runs/${started.body.dryRunId}`).set('authorization', `Bearer ${key}`);

    const started = await request(processA).post(`${base()}/dry-run`).set('authorization', `Bearer ${key}`).send({ dark: { defaultDays: 5 } }).expect(202);
    const running = await poll().expect(202);
    expect(running.body).toEqual({ status: 'running', dryRunId: started.body.dryRunId, progress: null });
    const otherPortal = await request(processB).get(`${base(OTHER)}/dry-runs/${started.body.dryRunId}`).set('authorization', `Bearer ${otherKey}`);
    expect(otherPortal.status).toBe(404);

    source.release();
    await expect.poll(async () => (await poll()).status, { timeout: 60_000 }).toBe(200);
    expect((await poll()).body).toMatchObject({ companies: 3, currentVersion: null });
  });

  it('when the running process reports progress, then a poll on another process shows it', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const runsA = dryRunRuns({ db: dbA, clock: clockAt(0) });
    const runsB = dryRunRuns({ db: dbB, clock: clockAt(0) });

    const started = await runsA.start(PORTAL, 'api_key:wp_test', async (onProgress) => {
      onProgress({ phase: 'proposed', companiesDone: 2_500 });
      await gate;
      return report;
    }, 0);

    await expect.poll(async () => runsB.status(PORTAL, started.dryRunId), { timeout: 60_000 })
      .toEqual({ status: 'running', dryRunId: started.dryRunId, progress: { phase: 'proposed', companiesDone: 2_500 } });
    release();
    await expect.poll(async () => (await runsB.status(PORTAL, started.dryRunId))?.status, { timeout: 60_000 }).toBe('done');
  });

  it('when the process running a dry run dies, then a poll on another process reports it failed, and it stays failed', async () => {
    let finish = () => {};
    const gate = new Promise<void>((resolve) => { finish = resolve; });
    // The process that runs it stops beating (a killed process writes nothing); the poller's clock has moved on.
    const processA = watchingResults(dbA);
    const runsA = dryRunRuns({ db: processA.db, clock: clockAt(0), heartbeatMs: 24 * 3_600_000 });
    const started = await runsA.start(PORTAL, 'api_key:wp_test', async () => { await gate; return report; }, 0);
    const processB = webProcess(dbB, clockAt(2 * 60_000), never);
    const poll = () => request(processB).get(`${base()}/dry-runs/${started.dryRunId}`).set('authorization', `Bearer ${key}`);

    const lost = await poll();

    expect(lost.status).toBe(500);
    expect(lost.body.error).toEqual({ code: 'DRY_RUN_LOST', message: expect.stringContaining('start it again') });
    // A process that was only slow, not dead, cannot bring the run back: its late result is not taken.
    finish();
    await processA.resultWritten;
    expect((await poll()).body.error.code).toBe('DRY_RUN_LOST');
  });

  it('when a live process beats within the minute, then a later poll still reads the run as running', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let now = NOW_MS;
    const moving: Clock = { now: () => new Date(now) };
    const runsA = dryRunRuns({ db: dbA, clock: moving, heartbeatMs: 20 });
    const runsB = dryRunRuns({ db: dbB, clock: moving });
    const started = await runsA.start(PORTAL, 'api_key:wp_test', async () => { await gate; return report; }, 0);

    now += 50_000;
    await expect.poll(async () => (await dbB.query<{ heartbeat_at: Date }>('SELECT heartbeat_at FROM config_dry_runs WHERE id = $1', [started.dryRunId]))[0]
      ?.heartbeat_at.getTime(), { timeout: 60_000 }).toBe(now);
    now += 50_000;

    expect((await runsB.status(PORTAL, started.dryRunId))?.status).toBe('running');
    release();
  });
});
