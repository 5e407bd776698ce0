import { effectiveScoringConfig, loadScoringHistory, type SnapshotSource } from '../../jobs/score-portal.ts';
import type { ScoringConfig } from '../../scoring/config.schema.ts';
import { isCustomer } from '../../scoring/fit.ts';
import { scoreCompany } from '../../scoring/score.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PreviousCard } from '../../scoring/snapshot.schema.ts';
import type { Db } from '../../store/db.ts';
import type { MilestoneOverride } from '../../store/scores-repository.ts';

export interface DryRunReport {
  currentVersion: number | null;
  /** Customers under the current config, the proposed one, or both. */
  companies: number;
  /** Companies that are customers under one config and not under the other. */
  customerChanged: number;
  cohortChanged: number;
  statusChanged: number;
  playChanged: number;
  /** "from->to" cohort moves with how many companies make each. */
  cohortMoves: Record<string, number>;
}

type Outcome = { customer: boolean; cohort: string; status: string; play: string };

const outcomes = async (
  deps: { snapshots: SnapshotSource }, portalId: number, config: ScoringConfig, now: Date, past: PastScores,
): Promise<Map<string, Outcome>> => {
  const byCompany = new Map<string, Outcome>();
  for await (const loaded of deps.snapshots.load(portalId, config)) {
    const id = loaded.company.id;
    const card = scoreCompany({ ...loaded, previousCards: past.history.get(id) ?? [], milestoneOverrides: past.overrides.get(id) ?? [] }, config, now);
    byCompany.set(id, { customer: isCustomer(loaded.company.properties, config), cohort: card.cohort, status: card.health.status, play: card.nextPlay.play });
  }
  return byCompany;
};

type PastScores = { history: Map<string, PreviousCard[]>; overrides: Map<string, MilestoneOverride[]> };

/**
 * Scores every synced company at the same moment with the current and with the proposed config (each building
 * its snapshots through its own property mappings) and counts what would change. Reads only: nothing is stored
 * and nothing reaches HubSpot.
 */
export const dryRunConfig = async (
  deps: { db: Db; clock: Clock; snapshots: SnapshotSource }, portalId: number, proposed: ScoringConfig,
): Promise<DryRunReport> => {
  const now = deps.clock.now();
  const current = await effectiveScoringConfig(deps.db, portalId);
  const past = await loadScoringHistory(deps.db, portalId, now);
  const before = await outcomes(deps, portalId, current.config, now, past);
  const after = await outcomes(deps, portalId, proposed, now, past);
  const report: DryRunReport = { currentVersion: current.version, companies: 0, customerChanged: 0, cohortChanged: 0, statusChanged: 0, playChanged: 0, cohortMoves: {} };
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a?.customer && !b?.customer) continue;
    report.companies += 1;
    if (!a || !b || a.customer !== b.customer) {
      report.customerChanged += 1;
      continue;
    }
    if (a.cohort !== b.cohort) {
      report.cohortChanged += 1;
      const move = `${a.cohort}->${b.cohort}`;
      report.cohortMoves[move] = (report.cohortMoves[move] ?? 0) + 1;
    }
    if (a.status !== b.status) report.statusChanged += 1;
    if (a.play !== b.play) report.playChanged += 1;
  }
  return report;
};
