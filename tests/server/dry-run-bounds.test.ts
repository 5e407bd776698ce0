import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorePortal, type SnapshotSource } from '../../src/portal-scoring/score-portal.ts';
import { defaultScoringConfig } from '../../src/scoring/defaults.ts';
import type { CompanySnapshot } from '../../src/scoring/snapshot.schema.ts';
import { DRY_RUN_CHUNK, dryRunConfig, type DryRunProgress } from '../../src/server/scoring-config/dry-run.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createLogger } from '../../src/shared/logger.ts';
import type { Db, Queryable } from '../../src/store/db.ts';
import { playOutcomesRepository } from '../../src/store/play-outcomes-repository.ts';
import { scoringConfigRepository } from '../../src/store/scoring-config-repository.ts';
import { NOW, aSnapshot, contact, daysAgo, deal, inboundEmail, meeting, nps, usageLine } from '../scoring/support/snapshot.ts';
import { memoryStore } from '../writeback/support.ts';

const PORTAL = 1001;
const clock = fixedClock(NOW);
const thriving = { engagements: [inboundEmail(3), meeting(20)], contacts: [contact('CEO'), contact('Ops lead')], deals: [deal('expansion', 60)], usage: usageLine(40, 60) };

// A portal one company longer than a chunk; the last one, in the second chunk, gave NPS 10 four months ago.
const fillers = Array.from({ length: DRY_RUN_CHUNK }, (_, i) => aSnapshot({ ...thriving, company: { id: `f-${String(i).padStart(4, '0')}`, name: `Filler ${i}` } }));
const promoter = aSnapshot({ ...thriving, company: { id: 'p-1', name: 'Promoter Inc' }, feedback: [nps(10, 120)] });
const source = (companies: readonly CompanySnapshot[]): SnapshotSource => ({
  async *load(_portalId, _config, ids) {
    yield* ids ? companies.filter((c) => ids.includes(c.company.id)) : companies;
  },
});

/** Every company id list the store was asked about, so a test can see no read spans the whole portal. */
const recordingIdLists = (db: Db) => {
  const lists: Array<unknown[] | null> = [];
  const recorded: Queryable = {
    query: (sql, params) => {
      if (/FROM (score_snapshots|milestone_overrides|play_outcomes)/.test(sql)) lists.push((params?.find((p) => p === null || Array.isArray(p)) ?? null) as unknown[] | null);
      return db.query(sql, params);
    },
  };
  return { db: { ...db, query: recorded.query } as Db, lists };
};

describe('the dry run scores as applying would, within bounds', () => {
  let db: Db;
  beforeAll(async () => {
    db = await memoryStore();
  });
  afterAll(() => db.close());

  it('when a company has a recorded advocacy ask, then the dry run\'s play change reads it, exactly as the score job after applying', async () => {
    await playOutcomesRepository(db).record(PORTAL, { companyId: 'p-1', play: 'advocacy_ask', status: 'done', outcome: 'review', note: null, recordedAt: daysAgo(150) });
    // Promoters count for 180 days instead of 90: the four-month-old NPS 10 now calls for the next advocacy ask.
    const draft = { ...defaultScoringConfig, plays: { ...defaultScoringConfig.plays, promoterWithinDays: 180 } };
    const snapshots = source([...fillers, promoter]);
    const recording = recordingIdLists(db);

    const report = await dryRunConfig({ db: recording.db, clock, snapshots }, PORTAL, draft);

    expect(report).toMatchObject({ companies: DRY_RUN_CHUNK + 1, playChanged: 1, changesTruncated: false });
    expect(report.changes).toEqual([expect.objectContaining({
      companyId: 'p-1', play: { from: 'monitor', to: 'advocacy_ask' }, reason: 'positive, promoter NPS; asks recorded: 1',
    })]);
    // History is read a chunk of companies at a time, never for the whole portal at once.
    expect(recording.lists.length).toBeGreaterThanOrEqual(2 * 2 * 3);
    expect(recording.lists.every((ids) => ids !== null && ids.length <= DRY_RUN_CHUNK)).toBe(true);

    await scoringConfigRepository(db).save(PORTAL, draft, 'test', NOW);
    const applied = await scorePortal({ db, clock, logger: createLogger({ level: 'silent' }), snapshots: source([promoter]) }, { portalId: PORTAL });
    expect(applied.cards[0]?.nextPlay).toMatchObject({ play: 'advocacy_ask', reason: report.changes[0]?.reason, steps: expect.arrayContaining(['Ask for a case study']) });
  });

  it('when more companies change than the page lists, then the list stops at its limit and every count stays exact', async () => {
    const software = fillers.slice(0, 30);
    // Software made a bad fit: every one of them moves.
    const draft = { ...defaultScoringConfig, fit: { ...defaultScoringConfig.fit, bad: [{ op: 'in' as const, property: 'industry', values: ['COMPUTER_SOFTWARE'] }] } };

    const report = await dryRunConfig({ db, clock, snapshots: source(software) }, 3003, draft, { changesLimit: 7 });

    expect(report).toMatchObject({ companies: 30, fitChanged: 30, changesTruncated: true });
    expect(report.changes).toHaveLength(7);
    expect(report.writeBack.companies).toBe(30);
  });

  it('when a dry run goes on for chunk after chunk, then the process serves other work between them (requests, its heartbeat)', async () => {
    let timerFired = false;
    const timer = setTimeout(() => { timerFired = true; }, 0);
    let firedBeforeSecondChunk: boolean | undefined;
    const watching: SnapshotSource = {
      async *load() {
        yield* fillers;
        firedBeforeSecondChunk ??= timerFired;
        yield promoter;
      },
    };

    await dryRunConfig({ db, clock, snapshots: watching }, 3003, defaultScoringConfig);
    clearTimeout(timer);

    expect(firedBeforeSecondChunk).toBe(true);
  });

  it('when the dry run outlasts its budget, then it stops and says after how many companies, on any machine speed', async () => {
    let calls = 0;
    // Each reading of the clock is a minute later: the sixth company is past a five-minute budget.
    const elapsedMs = () => 60_000 * calls++;

    const run = dryRunConfig({ db, clock, snapshots: source(fillers.slice(0, 20)) }, 3003, defaultScoringConfig, { budgetMs: 5 * 60_000, elapsedMs });

    await expect(run).rejects.toMatchObject({ code: 'DRY_RUN_TIMED_OUT', message: 'The dry run timed out after 6 companies (its limit is 5 min); nothing was applied.' });
  });

  it('when the dry run takes over a second, then it reports progress through both passes at most once a second', async () => {
    let calls = 0;
    const elapsedMs = () => 400 * calls++;
    const progress: DryRunProgress[] = [];

    await dryRunConfig({ db, clock, snapshots: source(fillers.slice(0, 20)) }, 3003, defaultScoringConfig, { elapsedMs, onProgress: (p) => progress.push(p) });

    // 40 companies at 0.4 s each: a report every third company (1.2 s), the first after 1.2 s.
    expect(progress.length).toBe(13);
    expect(progress[0]).toEqual({ phase: 'current', companiesDone: 3 });
    expect(progress.at(-1)).toEqual({ phase: 'proposed', companiesDone: 19 });
  });
});
