import type { Cohort, HealthStatus, Play, ScoringConfig } from './config.schema.ts';
import { classifyDeals } from './deal-kinds.ts';
import type { Facts } from './facts.ts';
import type { MilestoneSummary } from './milestones.ts';
import { evidenceFor, pickContact, stepsFor, templateFor, type ContextInput } from './play-context.ts';
import type { FitCriterionResult, NextPlayResult, VectorValue } from './score-card.schema.ts';
import type { CompanySnapshot, PlayOutcome, PreviousCard } from './snapshot.schema.ts';
import { DAY_MS, daysBetween, percent, toMs } from './time.ts';
import { days, inDays } from './wording.ts';

export type PlayInput = {
  snapshot: CompanySnapshot;
  fitCriteria: FitCriterionResult[];
  status: HealthStatus;
  vector: VectorValue;
  cohort: Cohort;
  churned: boolean;
  facts: Facts;
  milestones: MilestoneSummary;
  previousCards: PreviousCard[];
  healthDrag: string | null;
  vectorReason: string;
};

// The rung an accepted ask reached: a review, then a case study, then a reference or a talk. A declined ask was
// made but climbs nothing.
const rungOf = { declined: 0, review: 1, case_study: 2, reference: 3, speaking: 3 } as const;

/**
 * The advocacy asks the CSM recorded on the card before now, and the ladder rung they earned: the ladder climbs
 * on asks actually made and accepted, never on how often a card recommended asking.
 */
export const recordedAdvocacy = (outcomes: readonly PlayOutcome[], now: number): { asks: number; rung: number } => {
  const asks = outcomes.filter((o) => o.play === 'advocacy_ask' && o.status === 'done' && o.outcome !== null && (toMs(o.recordedAt) ?? Infinity) <= now);
  return { asks: asks.length, rung: asks.reduce((best, o) => Math.max(best, rungOf[o.outcome!]), 0) };
};

type Chosen = { play: Play; reason: string; steps?: string[] };

/** The checkpoint (days before) an unsigned renewal has reached, or null when it is further off, past or signed. */
export const renewalCheckpoint = (snapshot: CompanySnapshot, now: number, config: ScoringConfig): { daysLeft: number; checkpoint: number } | null => {
  const renewal = toMs(snapshot.company.renewalDate);
  if (renewal === null || renewal < now) return null;
  const checkpoints = [...config.plays.renewalCheckpointDays].sort((a, b) => b - a);
  const daysLeft = daysBetween(now, renewal);
  if (daysLeft > checkpoints[0]!) return null;
  // A won renewal by the portal's deal kinds: a stock portal logs it as existing business, not as a type "renewal".
  const signed = classifyDeals(snapshot.deals, config)
    .some((d) => d.isClosedWon && d.kind === 'renewal' && d.at !== null && d.at <= now && now - d.at <= checkpoints[0]! * DAY_MS);
  if (signed) return null;
  return { daysLeft, checkpoint: checkpoints.filter((c) => daysLeft <= c).at(-1)! };
};

const choose = (input: PlayInput, config: ScoringConfig): Chosen => {
  const { cohort, facts, milestones } = input;
  if (input.churned) return { play: 'monitor', reason: 'churned: learn from it, no play to run' };
  if (cohort === 'bad_fit') {
    // Some bad fits become good fits when the product changes: a healthy one is evidence against the rules.
    return input.status === 'green' && input.vector !== 'negative'
      ? { play: 'review_fit', reason: 'bad fit by the rules, yet healthy: review whether the fit rules still hold' }
      : { play: 'off_board', reason: 'bad fit: plan a respectful exit' };
  }
  if (cohort === 'dark') return { play: 're_engage', reason: `gone dark: no two-way touch in ${days(facts.daysSinceTwoWay ?? 0)}` };
  if (cohort === 'negative') return { play: 'rescue', reason: `negative: ${input.healthDrag ?? input.vectorReason}` };
  const renewal = renewalCheckpoint(input.snapshot, facts.now, config);
  if (renewal !== null) {
    return { play: 'renewal', reason: `renewal ${inDays(renewal.daysLeft)}, not signed: ${renewal.checkpoint}-day checkpoint` };
  }
  const next = milestones.milestones.find((m) => m.key === milestones.current);
  if (cohort === 'neutral') {
    return { play: 'drive_adoption', reason: next ? `neutral: next milestone is ${next.label.toLowerCase()}` : `neutral: ${input.vectorReason}` };
  }
  if (facts.depth !== null && facts.depth >= config.plays.nearPlanLimitDepth) {
    return { play: 'expansion_conversation', reason: `positive and ${percent(facts.depth)} of seats in use` };
  }
  const nps = facts.latestNps;
  const promoter = nps !== null && nps.item.responseGroup === 'promoter' && facts.now - nps.at <= config.plays.promoterWithinDays * DAY_MS;
  if (promoter || milestones.justReached) {
    const ladder = config.plays.advocacyLadder;
    const { asks, rung } = recordedAdvocacy(input.snapshot.playOutcomes ?? [], facts.now);
    const ask = ladder[Math.min(rung, ladder.length - 1)]!;
    const why = promoter ? 'promoter NPS' : `just reached ${milestones.justReached!.label.toLowerCase()}`;
    const steps = [...stepsFor('advocacy_ask', facts.segment, config).slice(0, 2), ask];
    return { play: 'advocacy_ask', reason: `positive, ${why}; asks recorded: ${asks}`, steps };
  }
  return { play: 'monitor', reason: 'positive, nothing urgent' };
};

/** The next play with whom to run it through, the evidence behind it and the words to open with. */
export const choosePlay = (input: PlayInput, config: ScoringConfig): NextPlayResult => {
  const chosen = choose(input, config);
  const context: ContextInput = {
    snapshot: input.snapshot, facts: input.facts, milestones: input.milestones, fitCriteria: input.fitCriteria,
    renewalMs: toMs(input.snapshot.company.renewalDate),
  };
  const who = pickContact(chosen.play, input.snapshot, input.facts);
  return {
    play: chosen.play,
    reason: chosen.reason,
    steps: chosen.steps ?? stepsFor(chosen.play, input.facts.segment, config),
    who,
    evidence: evidenceFor(chosen.play, context),
    template: templateFor(chosen.play, context, who, config),
  };
};
