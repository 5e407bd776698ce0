import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScoreJobData } from '../../src/jobs/score-portal-job.ts';
import { cardToStore } from '../../src/portal-scoring/score-company.ts';
import { scorePortal, type SnapshotSource } from '../../src/portal-scoring/score-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db } from '../../src/store/db.ts';
import { scoresRepository } from '../../src/store/scores-repository.ts';
import { scoringConfigRepository } from '../../src/store/scoring-config-repository.ts';
import { aSnapshot, inboundEmail, usageLine } from '../scoring/support/snapshot.ts';
import { NOW, healthyCard, memoryStore } from './support.ts';

const PORTAL = 77;
const HOUR = 3_600_000;
const logger = createLogger({ level: 'silent' });

/** A steady mid-segment customer: nothing about it changes between runs unless a test changes it. */
const steady = (id: string, activeUsers = 40): CompanySnapshot =>
  aSnapshot({ company: { id, activeUsers30d: activeUsers }, engagements: [inboundEmail(12)], usage: usageLine(40, activeUsers) });

const source = (snapshots: () => CompanySnapshot[]): SnapshotSource & { asked: Array<readonly string[] | undefined> } => {
  const asked: Array<readonly string[] | undefined> = [];
  return {
    asked,
    async *load(_portalId, _config, companyIds) {
      asked.push(companyIds);
      for (const snapshot of snapshots()) if (!companyIds || companyIds.includes(snapshot.company.id)) yield snapshot;
    },
  };
};

describe('score-portal: scoring a portal and keeping the score history', () => {
  let db: Db;
  const rows = async (companyId: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM score_snapshots WHERE portal_id = $1 AND company_id = $2', [PORTAL, companyId]))[0]?.n;
  const run = (at: Date, snapshots: SnapshotSource, companyIds?: string[]) =>
    scorePortal({ db, clock: fixedClock(at), logger, snapshots }, { portalId: PORTAL, companyIds });

  beforeEach(async () => {
    db = await memoryStore();
  });
  afterEach(() => db.close());

  it('when a portal is scored for the first time, then every customer gets a stored card', async () => {
    const report = await run(NOW, source(() => [steady('1'), steady('2')]));

    expect(report).toMatchObject({ scored: 2, stored: 2, unchanged: 0, configVersion: null });
    expect(await rows('1')).toBe(1);
    expect(await rows('2')).toBe(1);
  });

  it('when a portal has hundreds of customers, then the process serves other work while they are scored (requests, heartbeats)', async () => {
    let timerFired = false;
    const timer = setTimeout(() => { timerFired = true; }, 0);
    let firedBeforeTheLast: boolean | undefined;
    const many = Array.from({ length: 450 }, (_, i) => steady(String(i + 1)));
    const watching: SnapshotSource = {
      async *load() {
        yield* many;
        firedBeforeTheLast ??= timerFired;
        yield steady('999');
      },
    };

    await run(NOW, watching);
    clearTimeout(timer);

    expect(firedBeforeTheLast).toBe(true);
  });

  it('when a card is stored, then the ARR the snapshot read is kept beside it for the portfolio\'s retention', async () => {
    const withArr = (id: string, arr: number | null) => { const s = steady(id); return { ...s, company: { ...s.company, arr } }; };
    await run(NOW, source(() => [withArr('1', 24_000), withArr('2', null)]));

    const stored = await db.query<{ company_id: string; arr: number | null }>('SELECT company_id, arr FROM score_snapshots WHERE portal_id = $1 ORDER BY company_id', [PORTAL]);
    expect(stored).toEqual([{ company_id: '1', arr: 24_000 }, { company_id: '2', arr: null }]);
  });

  it('when a churned customer is scored, then when and why it churned are kept beside its card', async () => {
    const s = steady('1');
    await run(NOW, source(() => [{ ...s, company: { ...s.company, churnedAt: '2026-10-15', churnReason: 'acquired' } }, steady('2')]));

    const stored = await db.query<{ company_id: string; churned_at: Date | null; churn_reason: string | null }>(
      'SELECT company_id, churned_at, churn_reason FROM score_snapshots WHERE portal_id = $1 ORDER BY company_id', [PORTAL]);
    expect(stored.map((r) => [r.company_id, r.churned_at?.toISOString() ?? null, r.churn_reason])).toEqual([
      ['1', '2026-10-15T00:00:00.000Z', 'acquired'], ['2', null, null],
    ]);
  });

  it('when nothing changed an hour later, then no new row is stored and the latest card is still the first one', async () => {
    const snapshots = source(() => [steady('1')]);
    await run(NOW, snapshots);

    const report = await run(new Date(NOW.getTime() + HOUR), snapshots);

    expect(report).toMatchObject({ scored: 1, stored: 0, unchanged: 1 });
    expect(await rows('1')).toBe(1);
    expect((await scoresRepository(db).latest(PORTAL, '1'))?.card.scoredAt).toBe(NOW.toISOString());
  });

  it('when usage collapses, then the new card is stored at once with a reason naming the change', async () => {
    let users = 40;
    const snapshots = source(() => [steady('1', users)]);
    await run(NOW, snapshots);
    users = 2;

    const report = await run(new Date(NOW.getTime() + HOUR), snapshots);

    expect(report.stored).toBe(1);
    expect((await scoresRepository(db).latest(PORTAL, '1'))?.card.changeReason).toMatch(/health fell/);
  });

  it('when only some companies are named, then only they are loaded and scored', async () => {
    const snapshots = source(() => [steady('1'), steady('2'), steady('3')]);

    const report = await run(NOW, snapshots, ['2']);

    expect(snapshots.asked).toEqual([['2']]);
    expect(report.cards.map((c) => c.companyId)).toEqual(['2']);
    expect(await rows('1')).toBe(0);
  });

  it("when the portal saved its own config, then scoring uses it and records its version", async () => {
    const config = structuredClone(defaultScoringConfig);
    config.health.status = { green: 99, yellow: 98 };
    await scoringConfigRepository(db).save(PORTAL, config, 'test', NOW);

    const report = await run(NOW, source(() => [steady('1')]));

    expect(report.configVersion).toBe(1);
    expect(report.cards[0]?.health.status).toBe('red');
    expect((await scoresRepository(db).latest(PORTAL, '1'))?.configVersion).toBe(1);
  });
});

describe('which score cards are worth a new history row', () => {
  const stored = (card = healthyCard('1', NOW)) => ({ companyId: '1', scoredAt: new Date(card.scoredAt), configVersion: null, card });
  const sameAssessmentAt = (at: Date) => ({ ...healthyCard('1', NOW), scoredAt: at.toISOString(), changeReason: 'health unchanged at 80' });

  it.each([
    { name: 'the same assessment later the same day', at: new Date(NOW.getTime() + 20 * HOUR), stores: false },
    { name: 'the same assessment on the next day', at: new Date(NOW.getTime() + 25 * HOUR), stores: true },
  ])('when the new card is $name, then a row is stored: $stores', ({ at, stores }) => {
    const result = cardToStore(sameAssessmentAt(at), stored());

    expect(result !== null).toBe(stores);
    // A daily row repeats the assessment, so it keeps the explanation of the last real change.
    if (result) expect(result.changeReason).toBe(healthyCard('1', NOW).changeReason);
  });

  it.each([
    { name: 'drifts by hundredths as the renewal nears', delta: 0.02, stores: false },
    { name: 'moves to another whole number', delta: 1, stores: true },
  ])('when only the priority $name, then a row is stored: $stores', ({ delta, stores }) => {
    const base = { ...healthyCard('1', NOW), priority: 64.3 };
    const next = { ...base, priority: 64.3 + delta, scoredAt: new Date(NOW.getTime() + HOUR).toISOString() };

    expect(cardToStore(next, stored(base)) !== null).toBe(stores);
  });

  it('when the company has no card yet or the assessment moved, then the new card is stored as it is', () => {
    const moved = { ...healthyCard('1', NOW), cohort: 'neutral' as const, scoredAt: new Date(NOW.getTime() + HOUR).toISOString() };

    expect(cardToStore(moved, undefined)).toBe(moved);
    expect(cardToStore(moved, stored())).toBe(moved);
  });
});

describe('score-portal job data', () => {
  it('when a job carries its portal, then it runs for that portal', () => {
    expect(parseScoreJobData({ portalId: 7 })).toEqual({ portalId: 7 });
  });

  it.each([
    { data: {} },
    { data: { portalId: -1 } },
    { data: { portalId: '7' } },
  ])('when a job carries $data, then it fails naming portalId', ({ data }) => {
    expect(() => parseScoreJobData(data)).toThrow(/score-portal job data:[\s\S]*portalId/);
  });
});
