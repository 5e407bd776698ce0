import { cutSnapshot } from '../backtest/as-of.ts';
import type { ScoringConfig } from '../scoring/config.schema.ts';
import type { ScoreCard } from '../scoring/score-card.schema.ts';
import type { CompanySnapshot, PreviousCard } from '../scoring/snapshot.schema.ts';
import { DAY_MS, toMs } from '../scoring/time.ts';
import { HISTORY_DAYS, scoreChecked } from './score-company.ts';

/** The points a backfill scores at: `points` steps of `intervalDays` back from the anchor, oldest first. */
export const backfillPoints = (plan: { anchorAt: Date; points: number; intervalDays: number }): Date[] =>
  Array.from({ length: plan.points }, (_, i) => new Date(plan.anchorAt.getTime() - (plan.points - i) * plan.intervalDays * DAY_MS));

/** A stored card as the engine reads it among a later score's previous cards (the shape the store's history query builds). */
export const asPreviousCard = (card: ScoreCard): PreviousCard => ({
  scoredAt: card.scoredAt,
  healthScore: card.health.score,
  status: card.health.status,
  cohort: card.cohort,
  nextPlay: card.nextPlay.play,
  components: card.health.components.map((c) => ({ key: c.key, value: c.value })),
  milestonesDone: card.milestones.flatMap((m) => (m.state === 'done' && m.doneAt !== null ? [{ key: m.key, doneAt: m.doneAt }] : [])),
});

export interface AsOfSeries {
  cards: ScoreCard[];
  failed: Array<{ at: string; reason: string }>;
}

/**
 * One company scored as of each point, oldest first, from its history dated before that point only (the backtest's
 * cut). Each point's previous cards are the earlier points' cards (plus any stored before them), so its trend,
 * vector baseline and change sentence read as they would have. Points before the customer began (contract start,
 * else created) or from its churn on are skipped: it was not a customer then.
 */
export const scoreAsOfPoints = (
  snapshot: CompanySnapshot, config: ScoringConfig, points: readonly Date[], prior: readonly PreviousCard[] = [],
): AsOfSeries => {
  const history = [...prior];
  const began = toMs(snapshot.company.contractStartDate) ?? toMs(snapshot.company.createdAt);
  const churned = toMs(snapshot.company.churnedAt);
  const series: AsOfSeries = { cards: [], failed: [] };
  for (const point of points) {
    const at = point.getTime();
    if ((began !== null && at < began) || (churned !== null && at >= churned)) continue;
    const since = at - HISTORY_DAYS * DAY_MS;
    const previousCards = history.filter((c) => { const ms = toMs(c.scoredAt); return ms !== null && ms < at && ms >= since; });
    const playOutcomes = (snapshot.playOutcomes ?? []).filter((o) => { const ms = toMs(o.recordedAt); return ms !== null && ms < at; });
    try {
      const card = scoreChecked({ ...cutSnapshot(snapshot, point), previousCards, playOutcomes }, config, point);
      series.cards.push(card);
      history.push(asPreviousCard(card));
    } catch (error) {
      series.failed.push({ at: point.toISOString(), reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return series;
};
