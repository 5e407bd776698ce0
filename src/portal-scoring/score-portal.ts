import { setImmediate } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { defaultScoringConfig } from '../scoring/defaults.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';
import { scoreCardSchema, type ScoreCard } from '../scoring/score-card.schema.ts';
import { coverageAccumulator } from '../scoring/coverage.ts';
import { churnOf } from '../scoring/churn-signal.ts';
import { scoreCompany } from '../scoring/score.ts';
import { observePupil, starPupilProfile, type PupilObservation } from '../scoring/star-pupils.ts';
import type { CompanySnapshot } from '../scoring/snapshot.schema.ts';
import type { Clock } from '../shared/clock.ts';
import { portalLogger, type Logger } from '../shared/logger.ts';
import { dataCoverageRepository } from '../store/data-coverage-repository.ts';
import type { Db } from '../store/db.ts';
import { scoreFailuresRepository, type ScoreFailure } from '../store/score-failures-repository.ts';
import { playOutcomesRepository } from '../store/play-outcomes-repository.ts';
import { csmSentimentRepository } from '../store/csm-sentiment-repository.ts';
import { desiredOutcomesRepository } from '../store/desired-outcomes-repository.ts';
import { companyMilestonesRepository } from '../store/company-milestones-repository.ts';
import { scoresRepository, type CardFacts, type StoredScore } from '../store/scores-repository.ts';
import { scoringConfigRepository } from '../store/scoring-config-repository.ts';
import { starPupilsRepository } from '../store/star-pupils-repository.ts';
import { DAY_MS } from '../scoring/time.ts';

// The scoring engine looks back this far for trend and "why it changed"; older rows only feed reports.
export const HISTORY_DAYS = 120;

/** Cards stored per statement: one round trip per card was most of the store side of a scoring run (issue 14). */
const CARDS_PER_INSERT = 500;
// A turn of the event loop this often also lets the page read ahead and the cards being stored come in while the
// job scores (PostgreSQL's replies wait in the socket until then, and a full socket stalls the server).
const YIELD_EVERY = 25;

/** Where customers' snapshots come from: the store, assembled by the sync engine's snapshot repository. */
export interface SnapshotSource {
  /** The portal's customers, or exactly the given companies, as scoring snapshots built from the store. */
  load(portalId: number, config: ScoringConfig, companyIds?: readonly string[]): AsyncIterable<CompanySnapshot>;
}

export interface ScorePortalDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  snapshots: SnapshotSource;
}

export interface ScorePortalInput {
  portalId: number;
  companyIds?: readonly string[];
}

export interface ScorePortalReport {
  scored: number;
  /** New score snapshot rows: the card changed, or the day's first score of an unchanged card. */
  stored: number;
  unchanged: number;
  configVersion: number | null;
  cards: ScoreCard[];
  /** Companies that could not be scored, with why; recorded for sync-status while the rest of the portal goes on. */
  failed: ScoreFailure[];
}

/** The portal's latest saved config, or the shipped default (version null) until an admin saves one. */
export const effectiveScoringConfig = async (db: Db, portalId: number): Promise<{ config: ScoringConfig; version: number | null }> => {
  const stored = await scoringConfigRepository(db).latest(portalId);
  return stored ? { config: stored.config, version: stored.version } : { config: defaultScoringConfig, version: null };
};

// What a card says, leaving out when it was computed and the sentence comparing it with the previous card: two
// cards equal in this are the same assessment, and storing (or writing back) the second would only add noise.
// Priority drifts by hundredths every hour as renewals near; it counts as changed when its whole number does
// (the precision written to HubSpot), or every rescore would rewrite a quarter of the book.
const substance = ({ scoredAt: _at, changeReason: _reason, priority, ...rest }: ScoreCard) => ({ ...rest, priority: Math.round(priority) });

const utcDay = (date: Date | string) => new Date(date).toISOString().slice(0, 10);

/** What scoring needs from earlier runs: each company's recent cards (trend, "why it changed") and CSM overrides. */
export const loadScoringHistory = async (db: Db, portalId: number, now: Date, companyIds?: readonly string[]) => {
  const scores = scoresRepository(db);
  const [history, overrides, outcomes, sentiments, desired, ownMilestones] = await Promise.all([
    scores.previousCards(portalId, new Date(now.getTime() - HISTORY_DAYS * DAY_MS), companyIds),
    scores.milestoneOverrides(portalId, companyIds),
    playOutcomesRepository(db).forCompanies(portalId, companyIds),
    csmSentimentRepository(db).latestForCompanies(portalId, now, companyIds),
    desiredOutcomesRepository(db).forCompanies(portalId, companyIds),
    companyMilestonesRepository(db).forCompanies(portalId, companyIds),
  ]);
  return { history, overrides, outcomes, sentiments, desired, ownMilestones };
};

export type ScoringHistory = Awaited<ReturnType<typeof loadScoringHistory>>;

/** What the store adds to a synced snapshot for one company: what its CSM recorded on the card. */
export const recordedInputs = (past: ScoringHistory, companyId: string) => ({
  milestoneOverrides: past.overrides.get(companyId) ?? [],
  playOutcomes: past.outcomes.get(companyId) ?? [],
  csmSentiment: past.sentiments.get(companyId) ?? null,
  desiredOutcome: past.desired.get(companyId) ?? null,
  companyMilestones: past.ownMilestones.get(companyId) ?? [],
});

/**
 * One company's snapshot with what scoring takes from the store besides it: the score job and the settings page's
 * dry run both go through here, so a dry run scores exactly as applying would (recorded play outcomes too).
 */
export const withHistory = (snapshot: CompanySnapshot, past: ScoringHistory, now: Date): CompanySnapshot => {
  const id = snapshot.company.id;
  // Only cards from before this moment are "previous": a rerun at the same instant must not count itself.
  const previousCards = (past.history.get(id) ?? []).filter((previous) => Date.parse(previous.scoredAt) < now.getTime());
  return { ...snapshot, previousCards, ...recordedInputs(past, id) };
};

/** The card to store, or null when the latest stored card already says the same thing today. */
export const cardToStore = (card: ScoreCard, latest: StoredScore | undefined): ScoreCard | null => {
  if (!latest || !isDeepStrictEqual(substance(card), substance(latest.card))) return card;
  if (utcDay(card.scoredAt) === utcDay(latest.card.scoredAt)) return null;
  // A daily point for the trend: same assessment, so the explanation of the last real change still holds.
  return { ...card, changeReason: latest.card.changeReason };
};

/** A card that would not survive its own schema (a value out of range, NaN) is refused here, before it is stored. */
export const scoreChecked = (...args: Parameters<typeof scoreCompany>): ScoreCard => {
  const card = scoreCompany(...args);
  const checked = scoreCardSchema.safeParse(card);
  if (!checked.success) throw new Error(`card out of bounds: ${z.prettifyError(checked.error)}`);
  return card;
};

/**
 * Scores the given companies (or all customers) of one portal at the clock's now with the portal's config,
 * and stores a snapshot row for each card that changed (and one a day regardless, for the trend). Writing the
 * cards back to HubSpot is the caller's next step (the score job's).
 */
export const scorePortal = async (deps: ScorePortalDeps, input: ScorePortalInput): Promise<ScorePortalReport> => {
  const { portalId, companyIds } = input;
  const log = portalLogger(deps.logger, portalId);
  const now = deps.clock.now();
  const { config, version } = await effectiveScoringConfig(deps.db, portalId);
  const scores = scoresRepository(deps.db);
  const [latest, past] = await Promise.all([
    scores.latestByCompany(portalId, companyIds),
    loadScoringHistory(deps.db, portalId, now, companyIds),
  ]);

  const report: ScorePortalReport = { scored: 0, stored: 0, unchanged: 0, configVersion: version, cards: [], failed: [] };
  // Only a whole-portal run sees every customer, so only it can say what share of them has each input.
  const coverage = companyIds === undefined ? coverageAccumulator(config, now) : null;
  const pupils: PupilObservation[] | null = companyIds === undefined ? [] : null;
  const scoredIds: string[] = [];
  let toInsert: ScoreCard[] = [];
  let factsOf = new Map<string, CardFacts>();
  // One statement of cards is stored while the next ones are scored; the job waits for it before sending another,
  // and a failure fails the run as it did when each insert was awaited in turn.
  let storing: Promise<void> = Promise.resolve();
  const storeCards = async () => {
    await storing;
    storing = scores.insertMany(portalId, toInsert, version, factsOf);
    storing.catch(() => undefined);
    toInsert = [];
    factsOf = new Map();
  };
  for await (const snapshot of deps.snapshots.load(portalId, config, companyIds)) {
    const id = snapshot.company.id;
    let card: ScoreCard;
    try {
      card = scoreChecked(withHistory(snapshot, past, now), config, now);
    } catch (error) {
      // One company's bad data must never hold back the rest of its portal, nor fail the job into endless retries.
      const reason = error instanceof Error ? error.message : String(error);
      report.failed.push({ companyId: id, reason, failedAt: now.toISOString() });
      log.warn({ companyId: id, reason }, 'company not scored');
      continue;
    }
    scoredIds.push(id);
    report.scored += 1;
    // PGlite answers inside the microtask queue: without a turn of the event loop now and then, a web process
    // sharing the embedded store (PROCESS_ROLE=all) would answer no request and beat no heartbeat until the end.
    if (report.scored % YIELD_EVERY === 0) await setImmediate();
    coverage?.add(snapshot, card);
    pupils?.push(observePupil(snapshot, card, config, now));
    const toStore = cardToStore(card, latest.get(id));
    if (toStore) {
      toInsert.push(toStore);
      const churn = toStore.churn === null ? null : churnOf(snapshot, config);
      factsOf.set(id, { arr: snapshot.company.arr, churnedAt: churn ? new Date(churn.at).toISOString() : null, churnReason: churn?.reason ?? null });
      if (toInsert.length >= CARDS_PER_INSERT) await storeCards();
      report.stored += 1;
    } else {
      report.unchanged += 1;
    }
    report.cards.push(toStore ?? latest.get(id)?.card ?? card);
  }
  await storeCards();
  await storing;
  await scoreFailuresRepository(deps.db).settle(portalId, scoredIds, report.failed);
  if (coverage) await dataCoverageRepository(deps.db).save(portalId, coverage.report());
  if (pupils) await starPupilsRepository(deps.db).save(portalId, starPupilProfile(pupils, config, now));
  log.info({ scored: report.scored, stored: report.stored, unchanged: report.unchanged, failed: report.failed.length, configVersion: version }, 'scoring done');
  return report;
};
