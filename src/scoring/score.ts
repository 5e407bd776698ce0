import type { Cohort, ScoringConfig } from './config.schema.ts';
import { boundSnapshot } from './bounds.ts';
import { assignCohort } from './cohort.ts';
import { classifyChurn, snapshotAsOf } from './churn.ts';
import { churnOf, type ChurnSignal } from './churn-signal.ts';
import { activeCsmSentiment } from './csm-sentiment.ts';
import { scoreDark } from './dark.ts';
import { biggestDrag, changeReason, latestPreviousCard } from './explain.ts';
import { deriveFacts, timelineOf, type Timeline } from './facts.ts';
import { scoreFit } from './fit.ts';
import { scoreHealth } from './health/score-health.ts';
import { scoreMilestones } from './milestones.ts';
import { choosePlay } from './plays.ts';
import { scorePriority } from './priority.ts';
import type { ScoreCard } from './score-card.schema.ts';
import type { CompanySnapshot } from './snapshot.schema.ts';
import { scoreVector } from './vector.ts';
import { scoreValueRealised } from './value-realised.ts';

type Fit = ReturnType<typeof scoreFit>;

// Fit reads only the company's properties, which the as-of views of the churn probes keep as they are, the probes
// read the company's timeline as of their moment, and the company's churn is known before its core is scored: all
// three are passed in rather than worked out again.
const scoreCore = (snapshot: CompanySnapshot, config: ScoringConfig, now: Date, known: { fit: Fit; churn: ChurnSignal | null; timeline: Timeline }) => {
  const { fit, churn } = known;
  const facts = deriveFacts(snapshot, config, now, known.timeline);
  const milestones = scoreMilestones(snapshot, facts, config);
  const health = scoreHealth({ snapshot, facts, config, milestones });
  const vector = scoreVector(snapshot, facts, milestones, health.score, config);
  // A churned customer is silent because it left: that is churn, not a customer gone dark.
  const goneDark = churn === null ? scoreDark(facts, config) : { dark: false, daysSinceTwoWay: facts.daysSinceTwoWay };
  const cohort = assignCohort(fit.value, goneDark.dark, health.status, vector.value);
  return { facts, fit, milestones, health, vector, goneDark, cohort };
};

const cohortAt = (snapshot: CompanySnapshot, config: ScoringConfig, fit: Fit, timeline: Timeline) => (at: number): Cohort => {
  const asOf = snapshotAsOf(snapshot, at, timeline.times);
  return scoreCore(asOf, config, new Date(at), { fit, churn: churnOf(asOf, config), timeline }).cohort;
};

/**
 * Scores one company from its snapshot, the portal's config and the time to score at. Pure: the same
 * arguments always give the same card, byte for byte.
 */
export const scoreCompany = (input: CompanySnapshot, config: ScoringConfig, now: Date): ScoreCard => {
  const snapshot = boundSnapshot(input);
  const signal = churnOf(snapshot, config);
  const timeline = timelineOf(snapshot);
  const { facts, fit, milestones, health, vector, goneDark, cohort } = scoreCore(snapshot, config, now, {
    fit: scoreFit(snapshot.company.properties, config), churn: signal, timeline,
  });
  const drag = biggestDrag(health.components);
  const churn = classifyChurn(snapshot, fit.value, config, cohortAt(snapshot, config, fit, timeline), signal);
  const previous = latestPreviousCard(snapshot.previousCards, facts.now);
  return {
    companyId: snapshot.company.id,
    scoredAt: now.toISOString(),
    fit,
    segment: facts.segment,
    lifecycleStage: facts.stage,
    milestones: milestones.milestones,
    milestoneProgress: milestones.progress,
    currentMilestone: milestones.current,
    timeToFirstValueDays: milestones.timeToFirstValueDays,
    health: {
      score: health.score,
      status: health.status,
      components: health.components,
      biggestDrag: drag === null ? null : { key: drag.key, detail: drag.detail },
      vetoApplied: health.vetoApplied,
    },
    changeReason: changeReason({ score: health.score, status: health.status, cohort, components: health.components }, previous),
    vector,
    goneDark,
    cohort,
    priority: scorePriority({
      arr: snapshot.company.arr, cohort, health: health.score, renewalDate: snapshot.company.renewalDate, churned: churn !== null, now: facts.now,
    }, config),
    nextPlay: choosePlay({
      snapshot, fitCriteria: fit.criteria, status: health.status, vector: vector.value, cohort, churned: churn !== null, facts, milestones, previousCards: snapshot.previousCards,
      healthDrag: drag?.detail ?? null, vectorReason: vector.reason,
    }, config),
    churn,
    csmSentiment: activeCsmSentiment(snapshot.csmSentiment, config, facts.now),
    valueRealised: scoreValueRealised(snapshot, facts.now),
  };
};
