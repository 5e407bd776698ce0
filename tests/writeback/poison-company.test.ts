import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scorePortal, type SnapshotSource } from '../../src/portal-scoring/score-portal.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { scoreFailuresRepository } from '../../src/store/score-failures-repository.ts';
import { lookupCard, scoresRepository } from '../../src/store/scores-repository.ts';
import { installPortal } from '../server/cards-support.ts';
import { aSnapshot, inboundEmail, usageLine } from '../scoring/support/snapshot.ts';
import { NOW, healthyCard, memoryStore, storeCards } from './support.ts';

const PORTAL = 78;
const logger = createLogger({ level: 'silent' });
const steady = (id: string): CompanySnapshot =>
  aSnapshot({ company: { id, activeUsers30d: 40 }, engagements: [inboundEmail(12)], usage: usageLine(40, 40) });
// What a corrupt store row assembles into: the engine cannot read a company whose lists are missing.
const broken = (id: string): CompanySnapshot => ({ ...steady(id), engagements: null } as unknown as CompanySnapshot);

const source = (snapshots: () => CompanySnapshot[]): SnapshotSource => ({
  async *load(_portalId, _config, companyIds) {
    for (const snapshot of snapshots()) if (!companyIds || companyIds.includes(snapshot.company.id)) yield snapshot;
  },
});

describe('a poisoned company never blocks its portal', () => {
  let db: Db;
  const run = (snapshots: SnapshotSource, at = NOW) => scorePortal({ db, clock: fixedClock(at), logger, snapshots }, { portalId: PORTAL });

  beforeEach(async () => { db = await memoryStore(); });
  afterEach(() => db.close());

  it('when one company cannot be scored, then the others are stored, the job completes and the failure is recorded with its reason', async () => {
    let second = broken('2');
    const snapshots = source(() => [steady('1'), second, steady('3')]);

    const report = await run(snapshots);

    expect(report).toMatchObject({ scored: 2, stored: 2 });
    expect(report.failed.map((f) => f.companyId)).toEqual(['2']);
    expect([...(await scoresRepository(db).latestByCompany(PORTAL)).keys()].sort()).toEqual(['1', '3']);
    const recorded = await scoreFailuresRepository(db).list(PORTAL);
    expect(recorded).toEqual([{ companyId: '2', reason: expect.stringMatching(/.+/), failedAt: NOW.toISOString() }]);

    second = steady('2');
    await run(snapshots, new Date(NOW.getTime() + 3_600_000));
    expect(await scoreFailuresRepository(db).list(PORTAL)).toEqual([]);
    expect((await scoresRepository(db).latestByCompany(PORTAL)).has('2')).toBe(true);
  });

  it('when a stored card holds a poisoned value, then the portal\'s cards, worklist and history still load and the next score replaces it', async () => {
    await storeCards(db, PORTAL, [healthyCard('1'), healthyCard('2')]);
    // What an unchecked NaN became on its way into jsonb before cards were checked: null where a score belongs.
    const poisoned = { ...healthyCard('2', new Date(NOW.getTime() + 1000)), health: { ...healthyCard('2').health, score: null } };
    await db.query(
      `INSERT INTO score_snapshots (portal_id, company_id, scored_at, config_version, health_score, cohort, card)
       VALUES ($1, '2', $2, NULL, 'NaN', 'neutral', $3)`,
      [PORTAL, poisoned.scoredAt, JSON.stringify(poisoned)],
    );
    const scores = scoresRepository(db);

    expect([...(await scores.latestByCompany(PORTAL)).keys()]).toEqual(['1']);
    expect((await scores.worklist(PORTAL, 10)).map((w) => w.companyId)).toEqual(['1']);
    await installPortal(db, PORTAL);
    const card = await lookupCard(db, PORTAL, '1', 30);
    expect(card.found === 'company' && card.latest?.companyId).toBe('1');
    expect((await scores.previousCards(PORTAL, new Date(0))).get('2')).toHaveLength(1);

    await run(source(() => [steady('1'), steady('2')]), new Date(NOW.getTime() + 3_600_000));
    expect((await scores.latestByCompany(PORTAL)).get('2')?.card.health.score).toEqual(expect.any(Number));
  });
});
