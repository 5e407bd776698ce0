import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { withHistory } from '../../portal-scoring/score-company.ts';
import { effectiveScoringConfig, loadScoringHistory, type SnapshotSource } from '../../portal-scoring/score-portal.ts';
import type { ScoringConfig } from '../../scoring/config.schema.ts';
import { isCustomer } from '../../scoring/fit.ts';
import type { ScoreCard } from '../../scoring/score-card.schema.ts';
import { scoreCompany } from '../../scoring/score.ts';
import type { CompanySnapshot } from '../../scoring/snapshot.schema.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../../store/db.ts';
import { syncSettingsFrom } from '../../sync/object-catalogue.ts';
import { propertiesFromCard } from '../../writeback/card-properties.ts';

/** One company whose assessment the proposed config changes, as the settings page lists it. */
export interface DryRunChange {
  companyId: string;
  name: string;
  /** "from -> to" per value that moves; absent when it stays. "customer" moves when the customer rule changes. */
  customer?: { from: boolean; to: boolean };
  fit?: { from: string; to: string };
  cohort?: { from: string; to: string };
  status?: { from: string; to: string };
  play?: { from: string; to: string };
  /** Why, in one sentence, under the proposed config. */
  reason: string;
  /** Waypoint properties write-back would change on this company. */
  propertiesChanged: number;
}

export interface DryRunReport {
  currentVersion: number | null;
  /** Customers under the current config, the proposed one, or both. */
  companies: number;
  /** Companies that are customers under one config and not under the other. */
  customerChanged: number;
  fitChanged: number;
  cohortChanged: number;
  statusChanged: number;
  playChanged: number;
  /** "from->to" cohort moves with how many companies make each. */
  cohortMoves: Record<string, number>;
  /** HubSpot properties write-back would write across the portal, and on how many companies. */
  writeBack: { properties: number; companies: number };
  /** The companies that change, by name; at most `changesLimit`, `changesTruncated` says when more changed. */
  changes: DryRunChange[];
  changesTruncated: boolean;
  /**
   * Company properties the proposed config reads that the current one does not: the store has not synced them, so
   * this dry run sees them empty until the next full sync reads them (then scores move again).
   */
  unsyncedProperties: string[];
}

export interface DryRunProgress {
  phase: 'current' | 'proposed';
  companiesDone: number;
}

export interface DryRunOptions {
  /** Called at most about once a second while the dry run goes on, after its first second. */
  onProgress?: (progress: DryRunProgress) => void;
  changesLimit?: number;
  /** The dry run stops with DRY_RUN_TIMED_OUT once it has taken this long (default 15 minutes). */
  budgetMs?: number;
  /** Milliseconds from any fixed origin, for progress and the budget (default performance.now). */
  elapsedMs?: () => number;
}

const BUDGET_MS = 15 * 60_000;
// Companies scored per read of their score history, overrides and play outcomes: the portal's whole history
// (120 days of cards for every company) is what would not fit in memory on a 100,000-company portal.
export const DRY_RUN_CHUNK = 500;

// Per company only a few short fields and one digest per written property are kept between the two passes, so
// a 100,000-company portal holds a few MB here, not every score card twice.
type Outcome = { customer: boolean; fit: string; cohort: string; status: string; play: string; properties: string };

const DIGEST = 10;
// propertiesFromCard lists its properties in one fixed order, so digests line up position by position.
const digests = (card: ScoreCard): string =>
  Object.values(propertiesFromCard(card)).map((value) => createHash('sha1').update(value).digest('base64').slice(0, DIGEST)).join('');
const differingProperties = (before: string | undefined, after: string): number => {
  let count = 0;
  for (let at = 0; at < after.length; at += DIGEST) if (before?.slice(at, at + DIGEST) !== after.slice(at, at + DIGEST)) count += 1;
  return count;
};

const outcomeOf = (card: ScoreCard, customer: boolean): Outcome => ({
  customer, fit: card.fit.value, cohort: card.cohort, status: card.health.status, play: card.nextPlay.play,
  properties: digests(card),
});

const duration = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1_000)} s`);

/** Reports progress after the first second, and stops the run once it is over its budget. */
const ticker = (options: DryRunOptions) => {
  const elapsed = options.elapsedMs ?? (() => performance.now());
  const budget = options.budgetMs ?? BUDGET_MS;
  const started = elapsed();
  let lastReport = started;
  let scoredSoFar = 0;
  return (progress: DryRunProgress) => {
    scoredSoFar += 1;
    const at = elapsed();
    if (at - started > budget) {
      throw new AppError('DRY_RUN_TIMED_OUT', `The dry run timed out after ${scoredSoFar} companies (its limit is ${duration(budget)}); nothing was applied.`);
    }
    if (!options.onProgress || at - started < 1_000 || at - lastReport < 1_000) return;
    lastReport = at;
    options.onProgress(progress);
  };
};

/** The source's snapshots a chunk at a time, each scored with its own companies' history only. */
async function* scoredInChunks(
  deps: { db: Db; snapshots: SnapshotSource }, portalId: number, config: ScoringConfig, now: Date,
): AsyncGenerator<{ loaded: CompanySnapshot; card: ScoreCard }> {
  let chunk: CompanySnapshot[] = [];
  const flush = async function* () {
    const past = await loadScoringHistory(deps.db, portalId, now, chunk.map((loaded) => loaded.company.id));
    for (const loaded of chunk) yield { loaded, card: scoreCompany(withHistory(loaded, past, now), config, now) };
    chunk = [];
  };
  for await (const loaded of deps.snapshots.load(portalId, config)) {
    chunk.push(loaded);
    if (chunk.length >= DRY_RUN_CHUNK) {
      yield* flush();
      // The embedded store answers without ever leaving the microtask queue, so without this a dry run on it would
      // hold the web process for minutes: no request served, no heartbeat written.
      await setImmediate();
    }
  }
  if (chunk.length > 0) yield* flush();
}

const reasonFor = (card: ScoreCard, change: Omit<DryRunChange, 'reason' | 'companyId' | 'name' | 'propertiesChanged'>): string => {
  if (change.customer) return change.customer.to ? 'Matches the customer rule now.' : 'No longer matches the customer rule.';
  if (change.fit) {
    // A bad rule that matches decides "bad"; a good rule that does not match decides "stretch".
    const decisive = card.fit.value === 'bad'
      ? card.fit.criteria.find((c) => c.rule === 'bad' && c.passed)
      : card.fit.criteria.find((c) => c.rule === 'good' && !c.passed);
    return decisive ? `Fit ${card.fit.value}: ${decisive.description}.` : `Fit ${card.fit.value}: meets every good-fit rule.`;
  }
  return card.nextPlay.reason;
};

/** Company properties `proposed` reads that `current` does not, so the sync has not fetched them yet. */
export const newlyReadProperties = (current: ScoringConfig, proposed: ScoringConfig): string[] => {
  const synced = new Set(syncSettingsFrom(current).companyProperties);
  return syncSettingsFrom(proposed).companyProperties.filter((name) => !synced.has(name));
};

const moved = <T>(from: T, to: T) => (from === to ? undefined : { from, to });

/**
 * Scores every synced company at the same moment with the current and with the proposed config (each building
 * its snapshots through its own property mappings) and reports what would change, company by company. Reads
 * only: nothing is stored and nothing reaches HubSpot.
 */
export const dryRunConfig = async (
  deps: { db: Db; clock: Clock; snapshots: SnapshotSource }, portalId: number, proposed: ScoringConfig, options: DryRunOptions = {},
): Promise<DryRunReport> => {
  const now = deps.clock.now();
  const limit = options.changesLimit ?? 500;
  const tick = ticker(options);
  const current = await effectiveScoringConfig(deps.db, portalId);
  const before = new Map<string, Outcome>();
  for await (const { loaded, card } of scoredInChunks(deps, portalId, current.config, now)) {
    before.set(loaded.company.id, outcomeOf(card, isCustomer(loaded.company.properties, current.config)));
    tick({ phase: 'current', companiesDone: before.size });
  }
  const report: DryRunReport = {
    currentVersion: current.version, companies: 0, customerChanged: 0, fitChanged: 0, cohortChanged: 0, statusChanged: 0, playChanged: 0,
    cohortMoves: {}, writeBack: { properties: 0, companies: 0 }, changes: [], changesTruncated: false,
    unsyncedProperties: newlyReadProperties(current.config, proposed),
  };
  const record = (change: DryRunChange) => {
    if (change.propertiesChanged > 0) {
      report.writeBack.properties += change.propertiesChanged;
      report.writeBack.companies += 1;
    }
    if (report.changes.length < limit) report.changes.push(change);
    else report.changesTruncated = true;
  };
  let done = 0;
  const seen = new Set<string>();
  for await (const { loaded, card } of scoredInChunks(deps, portalId, proposed, now)) {
    const id = loaded.company.id;
    seen.add(id);
    tick({ phase: 'proposed', companiesDone: ++done });
    const after = outcomeOf(card, isCustomer(loaded.company.properties, proposed));
    const was = before.get(id);
    if (!was?.customer && !after.customer) continue;
    report.companies += 1;
    const name = loaded.company.name || `Company ${id}`;
    const propertiesChanged = differingProperties(was?.properties, after.properties);
    if (!was || was.customer !== after.customer) {
      report.customerChanged += 1;
      const change = { customer: { from: was?.customer ?? false, to: after.customer } };
      record({ companyId: id, name, ...change, reason: reasonFor(card, change), propertiesChanged: after.customer ? propertiesChanged : 0 });
      continue;
    }
    const change = {
      fit: moved(was.fit, after.fit), cohort: moved(was.cohort, after.cohort), status: moved(was.status, after.status), play: moved(was.play, after.play),
    };
    if (change.fit) report.fitChanged += 1;
    if (change.cohort) {
      report.cohortChanged += 1;
      const move = `${change.cohort.from}->${change.cohort.to}`;
      report.cohortMoves[move] = (report.cohortMoves[move] ?? 0) + 1;
    }
    if (change.status) report.statusChanged += 1;
    if (change.play) report.playChanged += 1;
    const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
    if (Object.keys(defined).length === 0 && propertiesChanged === 0) continue;
    record({ companyId: id, name, ...defined, reason: reasonFor(card, defined), propertiesChanged });
  }
  // A customer under the current config that the proposed one no longer loads at all (its rule now excludes it).
  for (const [id, was] of before) {
    if (seen.has(id) || !was.customer) continue;
    report.companies += 1;
    report.customerChanged += 1;
    record({ companyId: id, name: `Company ${id}`, customer: { from: true, to: false }, reason: 'No longer matches the customer rule.', propertiesChanged: 0 });
  }
  return report;
};
