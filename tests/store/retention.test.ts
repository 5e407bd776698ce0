import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeRetention } from '../../src/jobs/purge-retention.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { storeBackends } from '../helpers/stores.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const ACTIVE = 7001;
const GONE = 7002;
const days = { webhook_events: 30, sync_runs: 90, usage_metrics: 730, score_snapshots: 365 };

const capturedLogger = () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } });
  return { logger: createLogger({ level: 'info' }, sink), lines };
};

const seed = async (db: Db) => {
  await db.query(`INSERT INTO installations (portal_id, status) VALUES ($1, 'active'), ($2, 'uninstalled')`, [ACTIVE, GONE]);
  const event = (id: string, portal: number, at: Date, processed: boolean) => db.query(
    'INSERT INTO webhook_events (event_id, portal_id, received_at, payload, processed_at) VALUES ($1, $2, $3, $4, $5)',
    [id, portal, at, '{}', processed ? at : null]);
  await event('old-processed', ACTIVE, daysAgo(40), true);
  await event('old-pending', ACTIVE, daysAgo(40), false);
  await event('old-pending-uninstalled', GONE, daysAgo(40), false);
  await event('recent-processed', ACTIVE, daysAgo(5), true);
  const run = (portal: number, status: string, at: Date) => db.query(
    `INSERT INTO sync_runs (portal_id, kind, status, started_at, finished_at) VALUES ($1, 'full', $2, $3, $4)`,
    [portal, status, at, status === 'running' ? null : at]);
  await run(ACTIVE, 'succeeded', daysAgo(200)); // old, superseded by a later success
  await run(ACTIVE, 'failed', daysAgo(150));
  await run(ACTIVE, 'succeeded', daysAgo(120)); // old but the portal's last success
  await run(ACTIVE, 'failed', daysAgo(10));
  const usage = (day: string) => db.query(
    `INSERT INTO usage_metrics (portal_id, company_id, day, metric, value) VALUES ($1, 'c1', $2, 'active_users', 3)`, [ACTIVE, day]);
  await usage('2024-05-01'); // 761 days before NOW
  await usage('2024-06-10'); // 721 days
  const card = (company: string, at: Date) => db.query(
    `INSERT INTO score_snapshots (portal_id, company_id, scored_at, health_score, card) VALUES ($1, $2, $3, 50, $4)`,
    [ACTIVE, company, at, JSON.stringify({ companyId: company, scoredAt: at.toISOString() })]);
  await card('c1', daysAgo(400));
  await card('c1', daysAgo(380));
  await card('c1', daysAgo(100));
  await card('c1', daysAgo(1));
  await card('c2', daysAgo(500)); // c2's latest card, however old, stays
  await card('c2', daysAgo(600));
};

describe.each(storeBackends())('retention on $name', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ db, cleanup } = await backend.open());
    await seed(db);
  });
  afterAll(async () => cleanup());

  it('when the purge runs in small batches, then old rows go, recent rows and each company\'s latest card stay, and the log counts each table', async () => {
    const { logger, lines } = capturedLogger();
    const deleted = await purgeRetention({ db, clock: fixedClock(NOW), logger, days, batchSize: 1 });
    expect(deleted).toEqual({ webhook_events: 2, sync_runs: 2, usage_metrics: 1, score_snapshots: 3 });
    expect(lines.find((l) => l.msg === 'retention purge done')?.deleted).toEqual(deleted);

    const events = await db.query<{ event_id: string }>('SELECT event_id FROM webhook_events ORDER BY event_id');
    expect(events.map((e) => e.event_id)).toEqual(['old-pending', 'recent-processed']);
    const runs = await db.query<{ status: string; started_at: Date }>('SELECT status, started_at FROM sync_runs ORDER BY started_at');
    expect(runs.map((r) => [r.status, new Date(r.started_at).toISOString()])).toEqual([
      ['succeeded', daysAgo(120).toISOString()], ['failed', daysAgo(10).toISOString()]]);
    const usage = await db.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM usage_metrics`);
    expect(usage.map((u) => u.day)).toEqual(['2024-06-10']);
    const cards = await db.query<{ company_id: string; scored_at: Date }>('SELECT company_id, scored_at FROM score_snapshots ORDER BY company_id, scored_at');
    expect(cards.map((c) => [c.company_id, new Date(c.scored_at).toISOString()])).toEqual([
      ['c1', daysAgo(100).toISOString()], ['c1', daysAgo(1).toISOString()], ['c2', daysAgo(500).toISOString()]]);
  });

  it('when the purge runs again, then nothing more goes', async () => {
    const { logger } = capturedLogger();
    expect(await purgeRetention({ db, clock: fixedClock(NOW), logger, days })).toEqual({ webhook_events: 0, sync_runs: 0, usage_metrics: 0, score_snapshots: 0 });
  });
});
