import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKFILL_PLAN, runBackfill, type BackfillDeps } from '../../src/jobs/backfill-portal.ts';
import { scorePortal } from '../../src/portal-scoring/score-portal.ts';
import { loadCardData } from '../../src/server/cards/load-card-data.ts';
import { installPortal } from '../server/cards-support.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { backfillRepository } from '../../src/store/backfill-repository.ts';
import { crmRepository } from '../../src/store/crm-repository.ts';
import type { Db } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open-store.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { storeSnapshotSource } from '../../src/sync/snapshot-source.ts';

const PORTAL = 715;
const NOW = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const COMPANIES = 45;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const ids = Array.from({ length: COMPANIES }, (_, i) => String(1001 + i));

/** A synced portal as its first full sync leaves it: customers for two years, each with a year of emails and meetings. */
const seed = async (db: Db) => {
  // The card is only shown for a portal Waypoint serves.
  await installPortal(db, PORTAL);
  const crm = crmRepository(db);
  await crm.upsertObjects(PORTAL, 'companies', ids.map((id, i) => ({
    id,
    properties: {
      name: `Company ${id}`, lifecyclestage: 'customer', numberofemployees: '250', country: 'Germany', industry: 'COMPUTER_SOFTWARE',
      annual_recurring_revenue: String(20_000 + i * 1_000), createdate: ago(800), contract_start_date: ago(700).slice(0, 10), renewal_date: ago(-200).slice(0, 10),
    },
  })));
  // Half the book went quiet three months ago: its history has a turn for the trend to show.
  const emails = ids.flatMap((id, i) => Array.from({ length: 26 }, (_, week) => ({ id: `${id}-e${week}`, company: id, days: week * 14 + 2 + (i % 2 === 0 ? 0 : 90) })));
  await crm.upsertObjects(PORTAL, 'emails', emails.map((e) => ({ id: e.id, properties: { hs_timestamp: ago(e.days), hs_email_direction: 'INCOMING_EMAIL', hs_email_subject: 'Question' } })));
  await crm.insertLinks(PORTAL, 'emails', emails.map((e) => ({ child: e.id, company: e.company })));
};

const count = async (db: Db, where = 'true') =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM score_snapshots WHERE portal_id = $1 AND ${where}`, [PORTAL]))[0]?.n ?? -1;

describe('the backfill job', () => {
  let db: Db;
  let rescored: number;
  let deps: BackfillDeps;
  beforeEach(async () => {
    db = await openStore({ kind: 'pglite', dataDir: undefined });
    await seed(db);
    rescored = 0;
    deps = {
      db, clock: fixedClock(NOW.toISOString()), logger: createLogger({ level: 'silent' }), snapshots: storeSnapshotSource(db),
      requestScoring: async () => { rescored += 1; },
    };
  });
  afterEach(async () => db.close());

  it('when it runs after the first sync, then every customer has a card marked backfilled at each of 26 weekly points, and a rescore is asked for', async () => {
    const report = await runBackfill(deps, { portalId: PORTAL });
    expect(report).toMatchObject({ points: 26, companies: COMPANIES, cards: COMPANIES * 26, failed: [], resumedAfter: null });
    const points = await db.query<{ at: Date; n: number }>(
      `SELECT scored_at AS at, count(*)::int AS n FROM score_snapshots WHERE portal_id = $1 AND backfilled GROUP BY 1 ORDER BY 1`, [PORTAL]);
    expect(points.map((p) => new Date(p.at).toISOString())).toEqual(Array.from({ length: 26 }, (_, i) => ago((26 - i) * 7)));
    expect(points.every((p) => p.n === COMPANIES)).toBe(true);
    expect(await backfillRepository(db).get(PORTAL)).toMatchObject({ status: 'done', companiesTotal: COMPANIES, companiesDone: COMPANIES, cardsStored: COMPANIES * 26 });
    expect(rescored).toBe(1);
  });

  it('when only backfilled cards exist, then nothing that means "the latest real card" sees one: not the card, the worklist nor write-back', async () => {
    await runBackfill(deps, { portalId: PORTAL });
    const scores = scoresRepository(db);
    expect((await scores.latestByCompany(PORTAL, undefined, { liveOnly: true })).size).toBe(0);
    expect(await scores.latest(PORTAL, ids[0]!)).toBeNull();
    expect(await scores.worklist(PORTAL, 10)).toEqual([]);
    expect(await loadCardData(db, PORTAL, ids[0]!)).toEqual({ status: 'not_scored' });
  });

  it('when the real score follows, then the card draws a 90-day trend of at least 12 points and the vector cites its own baseline', async () => {
    await runBackfill(deps, { portalId: PORTAL });
    const scored = await scorePortal(deps, { portalId: PORTAL });
    expect(scored.scored).toBe(COMPANIES);
    const card = await loadCardData(db, PORTAL, ids[0]!);
    if (card.status !== 'ok') throw new Error(`card not ok: ${card.status}`);
    expect(card.score.trend.length).toBeGreaterThanOrEqual(12);
    expect(scored.cards.every((c) => /on its baseline/.test(c.vector.reason))).toBe(true);
    expect(scored.cards.every((c) => !c.changeReason.startsWith('first score'))).toBe(true);
    expect((await scoresRepository(db).latest(PORTAL, ids[0]!))?.scoredAt.toISOString()).toBe(NOW.toISOString());
  });

  it('when enqueued twice, then the second run stores nothing and asks for nothing', async () => {
    await runBackfill(deps, { portalId: PORTAL });
    const later = { ...deps, clock: fixedClock(new Date(NOW.getTime() + 3 * DAY).toISOString()) };
    expect(await runBackfill(later, { portalId: PORTAL })).toBeNull();
    expect(await count(db)).toBe(COMPANIES * 26);
    expect(rescored).toBe(1);
  });

  it('when it dies after its first checkpoint, then the next run resumes after it with the same points: no card missing, none twice', async () => {
    let chunks = 0;
    const dying: Db = {
      ...db,
      transaction: async (fn) => {
        if ((chunks += 1) === 2) throw new Error('killed');
        return db.transaction(fn);
      },
    };
    await expect(runBackfill({ ...deps, db: dying }, { portalId: PORTAL })).rejects.toThrow('killed');
    expect(await count(db)).toBe(20 * 26);
    // The retry runs a day later; its points are still the first run's.
    const report = await runBackfill({ ...deps, clock: fixedClock(new Date(NOW.getTime() + DAY).toISOString()) }, { portalId: PORTAL });
    expect(report).toMatchObject({ companies: COMPANIES - 20, cards: (COMPANIES - 20) * 26, resumedAfter: ids[19] });
    expect(await count(db)).toBe(COMPANIES * 26);
    const distinct = await db.query<{ n: number }>(`SELECT count(DISTINCT (company_id, scored_at))::int AS n FROM score_snapshots WHERE portal_id = $1`, [PORTAL]);
    expect(distinct[0]?.n).toBe(COMPANIES * 26);
    expect(await count(db, `scored_at NOT IN (${Array.from({ length: BACKFILL_PLAN.points }, (_, i) => `'${ago((26 - i) * 7)}'::timestamptz`).join(', ')})`)).toBe(0);
  });
});
