import type { Cohort, Play, ScoringConfig } from './config.schema.ts';
import type { Facts } from './facts.ts';
import type { MilestoneSummary } from './milestones.ts';
import type { PreviousCard } from './snapshot.schema.ts';
import { DAY_MS, percent, toMs } from './time.ts';
import { days } from './wording.ts';

export type NextPlay = { play: Play; reason: string; steps: string[] };

export type PlayInput = {
  cohort: Cohort;
  churned: boolean;
  facts: Facts;
  milestones: MilestoneSummary;
  previousCards: PreviousCard[];
  healthDrag: string | null;
  vectorReason: string;
};

/**
 * How many separate advocacy asks came before this one: consecutive cards with the same play are one ask, and a
 * streak the latest card is still in is the current ask, not an earlier one (rescoring must not climb the ladder).
 */
export const earlierAdvocacyAsks = (cards: PreviousCard[]): number => {
  const ordered = [...cards].sort((a, b) => (toMs(a.scoredAt) ?? 0) - (toMs(b.scoredAt) ?? 0));
  let asks = 0;
  ordered.forEach((card, i) => {
    if (card.nextPlay === 'advocacy_ask' && ordered[i - 1]?.nextPlay !== 'advocacy_ask') asks += 1;
  });
  return ordered.at(-1)?.nextPlay === 'advocacy_ask' ? asks - 1 : asks;
};

const play = (name: Play, reason: string, config: ScoringConfig): NextPlay => ({ play: name, reason, steps: config.plays.steps[name].slice(0, 3) });

export const choosePlay = (input: PlayInput, config: ScoringConfig): NextPlay => {
  const { cohort, facts, milestones } = input;
  if (input.churned) return play('monitor', 'churned: learn from it, no play to run', config);
  if (cohort === 'bad_fit') return play('off_board', 'bad fit: plan a respectful exit', config);
  if (cohort === 'dark') return play('re_engage', `gone dark: no two-way touch in ${days(facts.daysSinceTwoWay ?? 0)}`, config);
  if (cohort === 'negative') return play('rescue', `negative: ${input.healthDrag ?? input.vectorReason}`, config);
  const next = milestones.milestones.find((m) => m.key === milestones.current);
  if (cohort === 'neutral') {
    return play('drive_adoption', next ? `neutral: next milestone is ${next.label.toLowerCase()}` : `neutral: ${input.vectorReason}`, config);
  }
  if (facts.depth !== null && facts.depth >= config.plays.nearPlanLimitDepth) {
    return play('expansion_conversation', `positive and ${percent(facts.depth)} of seats in use`, config);
  }
  const nps = facts.latestNps;
  const promoter = nps !== null && nps.responseGroup === 'promoter' && facts.now - nps.at <= config.plays.promoterWithinDays * DAY_MS;
  if (promoter || milestones.justReached) {
    const ladder = config.plays.advocacyLadder;
    const asks = earlierAdvocacyAsks(input.previousCards);
    const ask = ladder[Math.min(asks, ladder.length - 1)]!;
    const why = promoter ? 'promoter NPS' : `just reached ${milestones.justReached!.label.toLowerCase()}`;
    const steps = [...config.plays.steps.advocacy_ask.slice(0, 2), ask];
    return { play: 'advocacy_ask', reason: `positive, ${why}; earlier asks: ${asks}`, steps };
  }
  return play('monitor', 'positive, nothing urgent', config);
};
