import { backfillPoints, scoreAsOfPoints } from '../portal-scoring/as-of-series.ts';
import { HISTORY_DAYS } from '../portal-scoring/score-company.ts';
import { effectiveScoringConfig, type SnapshotSource } from '../portal-scoring/score-portal.ts';
import type { ScoreCard } from '../scoring/score-card.schema.ts';
import { DAY_MS } from '../scoring/time.ts';
import type { Clock } from '../shared/clock.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import { backfillRepository } from '../store/backfill-repository.ts';
import type { Db } from '../store/db.ts';
import { playOutcomesRepository } from '../store/play-outcomes-repository.ts';
import { scoresRepository } from '../store/scores-repository.ts';

/** 26 weekly points: half a year of history, the trend's 90 days at 12 points and the vector's baseline window. */
export const BACKFILL_PLAN = { points: 26, intervalDays: 7 } as const;

/** Companies per checkpoint: their cards (26 each) go in one statement, in one transaction with the checkpoint. */
const COMPANIES_PER_CHUNK = 20;

export interface BackfillDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  snapshots: SnapshotSource;
  /** Asked for a rescore of every customer once the history is in, so the real cards read it (trend, baseline). */
  requestScoring?(portalId: number, companyIds: null): Promise<void>;
}

export interface BackfillReport {
  points: number;
  companies: number;
  /** Cards stored by this run (a resumed run counts only its own). */
  cards: number;
  /** Company and point pairs that could not be scored, with why; the rest of the series went on. */
  failed: Array<{ companyId: string; at: string; reason: string }>;
  resumedAfter: string | null;
}

/**
 * The 'backfill-portal' job: scores every customer as of weekly points over the past half year, from the synced
 * history dated before each point, and stores the cards marked backfilled. It reads each snapshot once and cuts it
 * 26 times in memory. Killed at any moment it resumes after the last checkpointed company with the same points
 * (the anchor is stored when the run begins); enqueued twice, or after it finished, it stores nothing new. Null
 * when the portal's backfill was already done.
 */
export const runBackfill = async (deps: BackfillDeps, input: { portalId: number; signal?: AbortSignal }): Promise<BackfillReport | null> => {
  const { portalId, signal } = input;
  const log = portalLogger(deps.logger, portalId).child({ job: 'backfill-portal' });
  const runs = backfillRepository(deps.db);
  const run = await runs.begin(portalId, { anchorAt: deps.clock.now(), ...BACKFILL_PLAN });
  if (run.status === 'done') return null;
  const points = backfillPoints(run);
  const { config, version } = await effectiveScoringConfig(deps.db, portalId);
  const { remaining, total } = await runs.companiesAfter(portalId, run.lastCompanyId);
  const scores = scoresRepository(deps.db);
  const since = new Date((points[0]?.getTime() ?? run.anchorAt.getTime()) - HISTORY_DAYS * DAY_MS);
  const [stored, overrides, outcomes] = await Promise.all([
    scores.previousCards(portalId, since, remaining),
    scores.milestoneOverrides(portalId, remaining),
    playOutcomesRepository(deps.db).forCompanies(portalId, remaining),
  ]);
  log.info({ anchorAt: run.anchorAt.toISOString(), points: points.length, companies: total, resumedAfter: run.lastCompanyId }, 'backfill started');

  const report: BackfillReport = { points: points.length, companies: 0, cards: 0, failed: [], resumedAfter: run.lastCompanyId };
  let done = run.companiesDone;
  let pending: { cards: ScoreCard[]; companies: number; last: string | null } = { cards: [], companies: 0, last: null };
  const flush = async () => {
    const { cards, companies, last } = pending;
    if (last === null) return;
    const inserted = await deps.db.transaction(async (tx) => {
      const n = await scoresRepository(tx).insertBackfilled(portalId, cards, version);
      await backfillRepository(tx).advance(portalId, { lastCompanyId: last, companies, cards: n, total, at: deps.clock.now() });
      return n;
    });
    const tenthBefore = Math.floor((done * 10) / Math.max(total, 1));
    done += companies;
    report.cards += inserted;
    pending = { cards: [], companies: 0, last: null };
    if (Math.floor((done * 10) / Math.max(total, 1)) > tenthBefore) log.info({ companiesDone: done, companies: total, cards: report.cards }, 'backfill progress');
    // A stopping worker leaves here, checkpoint saved; the queue's retry carries on from it.
    if (signal?.aborted) throw new Error('backfill stopped by its worker; it resumes from its checkpoint');
  };

  for await (const snapshot of deps.snapshots.load(portalId, config, remaining)) {
    const id = snapshot.company.id;
    const series = scoreAsOfPoints(
      { ...snapshot, milestoneOverrides: overrides.get(id) ?? [], playOutcomes: outcomes.get(id) ?? [] },
      config, points, (stored.get(id) ?? []).filter((c) => Date.parse(c.scoredAt) < run.anchorAt.getTime()),
    );
    for (const failure of series.failed) {
      report.failed.push({ companyId: id, ...failure });
      log.warn({ companyId: id, at: failure.at, reason: failure.reason }, 'company not scored as of a backfill point');
    }
    pending.cards.push(...series.cards);
    pending.companies += 1;
    pending.last = id;
    report.companies += 1;
    if (pending.companies >= COMPANIES_PER_CHUNK) await flush();
  }
  await flush();
  // Asked before the run is marked done: a kill in between redoes only this request, never skips it.
  await deps.requestScoring?.(portalId, null);
  await runs.finish(portalId, deps.clock.now(), total);
  log.info({ companies: report.companies, cards: report.cards, failed: report.failed.length }, 'backfill done');
  return report;
};
