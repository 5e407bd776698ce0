import nock from 'nock';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, type Metrics } from '../../src/composition/metrics.ts';
import { startQueue, type Queue } from '../../src/jobs/queue.ts';
import { createApp, createHealthApp } from '../../src/server/create-app.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { syncRepository } from '../../src/store/sync-repository.ts';
import { BASE_URL, hubSpotRecord, PORTAL, testClient, useNockOnly } from '../hubspot/hubspot-test-kit.ts';
import { openTestStore, storeInstallation, testCipher } from '../install/helpers.ts';

const logger = createLogger({ level: 'silent' });
const NOW = new Date('2026-11-01T12:00:00.000Z');

/** One sample's value from the Prometheus text, e.g. value(text, 'waypoint_sync_lag_seconds{portal="1"}'). */
const value = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

useNockOnly();
// supertest reaches the in-process app on loopback; HubSpot stays behind nock.
beforeAll(() => { nock.enableNetConnect('127.0.0.1'); });

describe('GET /metrics', () => {
  let db: Db;
  let queue: Queue;
  let metrics: Metrics;
  beforeAll(async () => {
    db = await openTestStore();
    queue = await startQueue(db, logger);
    metrics = createMetrics({ db, queue, clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await queue.stop({ timeoutMs: 1_000 });
    await db.close();
  });
  const scrape = async () => (await request(createApp({ logger, db, metrics: { registry: metrics.registry, token: undefined } })).get('/metrics')).text;

  it('when HubSpot answers a portal 429 once and then 200, then that portal shows two requests, one rate-limited', async () => {
    nock(BASE_URL).get('/crm/objects/2026-03/companies/7').query(true).reply(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'slow down' }, { 'Retry-After': '1' })
      .get('/crm/objects/2026-03/companies/7').query(true).reply(200, hubSpotRecord(7));
    await testClient({ onRequest: metrics.onHubSpotRequest }).portal.getObject('companies', '7', ['name']);
    const text = await scrape();
    expect(value(text, `waypoint_hubspot_requests_total{portal="${PORTAL}",status="4xx"}`)).toBe(1);
    expect(value(text, `waypoint_hubspot_requests_total{portal="${PORTAL}",status="2xx"}`)).toBe(1);
    expect(value(text, `waypoint_hubspot_rate_limited_total{portal="${PORTAL}"}`)).toBe(1);
  });

  it('when jobs wait in a queue and one runs to the end, then depth shows the waiting ones and the duration histogram counts the run', async () => {
    await queue.enqueue('sync-portal', 101, { mode: 'full' });
    await queue.enqueue('sync-portal', 102, { mode: 'full' });
    expect(value(await scrape(), 'waypoint_queue_jobs{queue="sync-portal",state="waiting"}')).toBe(2);

    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => { finish = resolve; });
    await metrics.instrument(queue).work('score-portal', async () => { finish(); }, { concurrency: 1 });
    await queue.enqueue('score-portal', 103);
    await finished;
    // The histogram is observed after the handler returns: poll the scrape rather than guess how long that takes
    // (a loaded machine only makes the wait longer; the test's timeout is the bound).
    let count = value(await scrape(), 'waypoint_job_duration_seconds_count{queue="score-portal",outcome="completed"}');
    while (count === undefined || count < 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      count = value(await scrape(), 'waypoint_job_duration_seconds_count{queue="score-portal",outcome="completed"}');
    }
    expect(count).toBe(1);
  });

  it('when one active portal synced an hour ago and another never has, then sync lag is an hour and the time since install', async () => {
    const cipher = testCipher();
    await storeInstallation(db, cipher, { portalId: 201, accessToken: 'a', refreshToken: 'r', expiresAt: new Date(NOW.getTime() + 3_600_000), now: new Date(NOW.getTime() - 7_200_000) });
    await storeInstallation(db, cipher, { portalId: 202, accessToken: 'a', refreshToken: 'r', expiresAt: new Date(NOW.getTime() + 3_600_000), now: new Date(NOW.getTime() - 7_200_000) });
    const sync = syncRepository(db);
    const run = await sync.startRun(201, 'full');
    await sync.finishRun(201, run.id, { status: 'succeeded' });
    await db.query(`UPDATE sync_runs SET finished_at = $1 WHERE id = $2`, [new Date(NOW.getTime() - 3_600_000), run.id]);
    await db.query(`UPDATE installations SET installed_at = $1 WHERE portal_id = 202`, [new Date(NOW.getTime() - 7_200_000)]);
    const text = await scrape();
    expect(value(text, 'waypoint_sync_lag_seconds{portal="201"}')).toBe(3600);
    expect(value(text, 'waypoint_sync_lag_seconds{portal="202"}')).toBe(7200);
  });

  it('when a score job scores companies and write-back writes some, then the counters say how many of each', async () => {
    metrics.scored(301, { scored: 40, stored: 12 });
    metrics.wroteBack(301, { written: 12, unchanged: 28, failed: [{}] });
    const text = await scrape();
    expect(value(text, 'waypoint_companies_scored_total{portal="301"}')).toBe(40);
    expect(value(text, 'waypoint_writeback_companies_total{portal="301",result="written"}')).toBe(12);
    expect(value(text, 'waypoint_writeback_companies_total{portal="301",result="failed"}')).toBe(1);
  });

  it('when a token is configured, then a worker\'s /metrics refuses a scraper without it and serves one with it', async () => {
    const app = createHealthApp({ logger, db, metrics: { registry: metrics.registry, token: 'a-long-enough-token' } });
    expect((await request(app).get('/metrics')).status).toBe(401);
    expect((await request(app).get('/metrics').set('authorization', 'Bearer wrong-token-entirely')).status).toBe(401);
    const served = await request(app).get('/metrics').set('authorization', 'Bearer a-long-enough-token');
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toContain('text/plain');
    expect(served.text).toContain('# TYPE waypoint_queue_jobs gauge');
  });
});
