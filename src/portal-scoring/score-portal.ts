import { setImmediate } from 'node:timers/promises';
import { defaultScoringConfig } from '../scoring/defaults.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';
import type { ScoreCard } from '../scoring/score-card.schema.ts';
import { coverageAccumulator } from '../scoring/coverage.ts';
import { starPupilProfile, type PupilObservation } from '../scoring/star-pupils.ts';
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
import { scoresRepository, type CardFacts } from '../store/scores-repository.ts';
import { scoringConfigRepository } from '../store/scoring-config-repository.ts';
import type { HistoryRows } from '../store/snapshot-repository.ts';
import { starPupilsRepository } from '../store/star-pupils-repository.ts';
import { DAY_MS } from '../scoring/time.ts';
import { HISTORY_DAYS, scoreOne, type CompanyOutcome, type ScoringContext } from './score-company.ts';
import type { PageScorer } from './scoring-pool.ts';

/** Cards stored per statement: one round trip per card was most of the store side of a scoring run (issue 14). */
const CARDS_PER_INSERT = 500;
// A turn of the event loop this often also lets the page read ahead and the cards being stored come in while the
// job scores (PostgreSQL's replies wait in the socket until then, and a full socket stalls the server).
const YIELD_EVERY = 25;

/** A page of companies as the store holds them, not yet decoded. */
export interface HistoryPage { companyIds: string[]; rows: HistoryRows }

/** Where customers' snapshots come from: the store, assembled by the sync engine's snapshot repository. */
export interface SnapshotSource {
  /** The portal's customers, or exactly the given companies, as scoring snapshots built from the store. */
  load(portalId: number, config: ScoringConfig, companyIds?: readonly string[]): AsyncIterable<CompanySnapshot>;
  /** The same companies as the store's rows, a page at a time, for a scorer on other threads to assemble. */
  pages?(portalId: number, companyIds?: readonly string[]): AsyncIterable<HistoryPage>;
}

export interface ScorePortalDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  snapshots: SnapshotSource;
  /** Worker threads to score on; without one (or a source of pages) the run scores on this thread. */
  scorer?: PageScorer;
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

const pick = <V>(map: ReadonlyMap<string, V>, ids: readonly string[]): Map<string, V> => {
  const picked = new Map<string, V>();
  for (const id of ids) {
    const value = map.get(id);
    if (value !== undefined) picked.set(id, value);
  }
  return picked;
};

/** The part of a run's context that concerns one page's companies: what a worker thread is sent with the page. */
const pageContext = (context: ScoringContext, ids: readonly string[]): ScoringContext => {
  const { past } = context;
  return {
    ...context,
    latest: pick(context.latest, ids),
    past: {
      history: pick(past.history, ids), overrides: pick(past.overrides, ids), outcomes: pick(past.outcomes, ids),
      sentiments: pick(past.sentiments, ids), desired: pick(past.desired, ids), ownMilestones: pick(past.ownMilestones, ids),
    },
  };
};

async function* scoredHere(snapshots: AsyncIterable<CompanySnapshot>, context: ScoringContext): AsyncIterable<CompanyOutcome> {
  for await (const snapshot of snapshots) yield scoreOne(snapshot, context);
}

/**
 * Pages scored on the pool's threads while this one reads the next pages and stores cards; outcomes come back in
 * page order. A fixed number of pages is in flight (one per thread and one waiting), so memory stays bounded.
 */
async function* scoredOnThreads(pages: AsyncIterable<HistoryPage>, scorer: PageScorer, context: ScoringContext): AsyncIterable<CompanyOutcome> {
  const inFlight: Array<Promise<CompanyOutcome[]>> = [];
  for await (const page of pages) {
    const scored = scorer.score({ ...pageContext(context, page.companyIds), rows: page.rows });
    // A run that fails on an earlier page never awaits the later ones: their failures must not surface as unhandled.
    scored.catch(() => undefined);
    inFlight.push(scored);
    if (inFlight.length > scorer.threads) yield* await inFlight.shift()!;
  }
  for (const scored of inFlight) yield* await scored;
}

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
  const context: ScoringContext = { config, now, past, latest, wholePortal: companyIds === undefined };
  const pages = deps.scorer && deps.snapshots.pages?.(portalId, companyIds);
  const outcomes = deps.scorer && pages
    ? scoredOnThreads(pages, deps.scorer, context)
    : scoredHere(deps.snapshots.load(portalId, config, companyIds), context);
  for await (const outcome of outcomes) {
    const id = outcome.companyId;
    if (outcome.failure !== undefined) {
      report.failed.push({ companyId: id, reason: outcome.failure, failedAt: now.toISOString() });
      log.warn({ companyId: id, reason: outcome.failure }, 'company not scored');
      continue;
    }
    scoredIds.push(id);
    report.scored += 1;
    // PGlite answers inside the microtask queue: without a turn of the event loop now and then, a web process
    // sharing the embedded store (PROCESS_ROLE=all) would answer no request and beat no heartbeat until the end.
    if (report.scored % YIELD_EVERY === 0) await setImmediate();
    if (outcome.coverage) coverage?.addObservation(outcome.coverage);
    if (outcome.pupil) pupils?.push(outcome.pupil);
    const { toStore, facts } = outcome;
    if (toStore) {
      toInsert.push(toStore);
      if (facts) factsOf.set(id, facts);
      if (toInsert.length >= CARDS_PER_INSERT) await storeCards();
      report.stored += 1;
    } else {
      report.unchanged += 1;
    }
    // An unchanged card is the latest stored one: cardToStore keeps a card back only when there is one.
    const shown = toStore ?? latest.get(id)?.card;
    if (shown) report.cards.push(shown);
  }
  await storeCards();
  await storing;
  await scoreFailuresRepository(deps.db).settle(portalId, scoredIds, report.failed);
  if (coverage) await dataCoverageRepository(deps.db).save(portalId, coverage.report());
  if (pupils) await starPupilsRepository(deps.db).save(portalId, starPupilProfile(pupils, config, now));
  log.info({ scored: report.scored, stored: report.stored, unchanged: report.unchanged, failed: report.failed.length, configVersion: version }, 'scoring done');
  return report;
};
