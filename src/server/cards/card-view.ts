import type { ComponentKey } from '../../scoring/config.schema.ts';
import { missingComponentHint, isQuiet } from '../../scoring/coverage.ts';
import type { ScoreCard } from '../../scoring/score-card.schema.ts';
import { playLabel, playValue } from '../../writeback/play-values.ts';
import type { ScoreView } from './card-data.schema.ts';
import { DAY_MS } from '../../scoring/time.ts';
import { valueLabel } from '../../scoring/hubspot-labels.ts';
import { cardLimits } from '../../scoring/card-limits.ts';
import { csmSentimentLabels } from '../../scoring/csm-sentiment.ts';

export const TREND_DAYS = 90;

export const componentLabels: Record<ComponentKey, string> = {
  usage: 'Product usage',
  cadence: 'Touch cadence',
  engagement: 'Two-way engagement',
  support: 'Support',
  sentiment: 'Sentiment',
  relationship: 'Relationship',
  milestones: 'Milestones',
  commercial: 'Commercial',
  decline: 'Signs of decline',
  csm_sentiment: 'CSM sentiment',
};

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** At most one point per UTC day (the day's last score), oldest first, covering the 90 days up to `until`. */
export const trendFromHistory = (history: ReadonlyArray<{ scoredAt: Date; healthScore: number }>, until: Date): ScoreView['trend'] => {
  const from = until.getTime() - TREND_DAYS * DAY_MS;
  const byDay = new Map<string, number>();
  for (const point of [...history].sort((a, b) => a.scoredAt.getTime() - b.scoredAt.getTime())) {
    const at = point.scoredAt.getTime();
    if (at < from || at > until.getTime()) continue;
    byDay.set(point.scoredAt.toISOString().slice(0, 10), round(point.healthScore));
  }
  return [...byDay].map(([date, score]) => ({ date, score }));
};

const withHint = (hint: string | null) => (hint === null ? {} : { hint });

/** The card's view of a stored score card plus its history: labels added, identifiers mapped to the catalogue's. */
export const scoreView = (
  card: ScoreCard, history: ReadonlyArray<{ scoredAt: Date; healthScore: number }>, starPupils: string | null = null,
): ScoreView => ({
  healthScore: round(card.health.score),
  healthStatus: card.health.status,
  statusCap: card.health.vetoApplied,
  trend: trendFromHistory(history, new Date(card.scoredAt)),
  vector: card.vector,
  components: card.health.components.map((c) => ({
    key: c.key, label: componentLabels[c.key], value: c.value === null ? null : round(c.value), weight: c.weight,
    contribution: round(c.contribution), missing: c.missing, detail: c.detail,
    ...(c.missing ? withHint(missingComponentHint(c.key, c.detail)) : {}),
    ...(c.missing && isQuiet(c) ? { quiet: true } : {}),
  })),
  biggestDrag: card.health.biggestDrag?.key ?? null,
  milestones: card.milestones.map((m) => ({ key: m.key, label: m.label, kind: m.kind, state: m.state, expectedBy: m.expectedBy, doneAt: m.doneAt, scope: m.scope })),
  milestoneProgress: round(card.milestoneProgress),
  cohort: card.cohort,
  goneDark: card.goneDark,
  nextPlay: {
    play: playValue(card.nextPlay.play), label: playLabel(card.nextPlay.play), reason: card.nextPlay.reason, steps: card.nextPlay.steps,
    who: card.nextPlay.who === null ? null : {
      name: card.nextPlay.who.name, role: card.nextPlay.who.role, jobTitle: card.nextPlay.who.jobTitle,
      email: card.nextPlay.who.email, lastTouch: card.nextPlay.who.lastTouch,
    },
    evidence: card.nextPlay.evidence,
    template: card.nextPlay.template,
  },
  changeReason: card.changeReason,
  fit: {
    value: card.fit.value,
    criteria: card.fit.criteria.slice(0, cardLimits.fitCriteria).map((c) => ({
      description: c.description, passed: c.passed, rule: c.rule, actual: c.actual === null ? null : valueLabel(c.property, c.actual),
    })),
  },
  churn: card.churn === null ? null : { reason: card.churn.reason },
  csmSentiment: card.csmSentiment === null ? null : { ...card.csmSentiment, label: csmSentimentLabels[card.csmSentiment.value] },
  valueRealised: card.valueRealised === null ? null : (({ source: _source, ...shown }) => shown)(card.valueRealised),
  firstValue: { days: card.timeToFirstValueDays, starPupils },
  scoredAt: card.scoredAt,
});
