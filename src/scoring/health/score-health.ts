import { componentKeys } from '../config.schema.ts';
import type { ComponentKey, HealthStatus, ScoringConfig } from '../config.schema.ts';
import type { Facts } from '../facts.ts';
import type { ComponentResult } from '../score-card.schema.ts';
import { own } from '../own.ts';
import { clamp, plural, round } from '../time.ts';
import { cadenceComponent } from './cadence.ts';
import { commercialComponent } from './commercial.ts';
import { csmSentimentComponent } from './csm-sentiment.ts';
import { declineComponent } from './decline.ts';
import type { ComponentInput, Reading } from './component.ts';
import { engagementComponent } from './engagement.ts';
import { milestonePaceComponent } from './milestone-pace.ts';
import { relationshipComponent } from './relationship.ts';
import { sentimentComponent } from './sentiment.ts';
import { supportComponent } from './support.ts';
import { usageComponent } from './usage.ts';
import { redistribute, resolveWeights } from './weights.ts';
import { days } from '../wording.ts';

const readers: Record<ComponentKey, (input: ComponentInput) => Reading> = {
  usage: usageComponent,
  cadence: cadenceComponent,
  engagement: engagementComponent,
  support: supportComponent,
  sentiment: sentimentComponent,
  relationship: relationshipComponent,
  milestones: milestonePaceComponent,
  commercial: commercialComponent,
  decline: declineComponent,
  csm_sentiment: csmSentimentComponent,
};

// A component the portal's config leaves out is not on the card at all, rather than shown as missing data.
const inUse = (key: ComponentKey, config: ScoringConfig): boolean => key !== 'csm_sentiment' || config.health.components.csm_sentiment.enabled;

export type HealthResult = { score: number; status: HealthStatus; components: ComponentResult[]; vetoApplied: string | null };

const statusRank: Record<HealthStatus, number> = { green: 2, yellow: 1, red: 0 };

/** The segment's own bands when the config sets them, else the portal's. */
export const statusFor = (score: number, config: ScoringConfig, segment: string | null = null): HealthStatus => {
  const bands = (segment === null ? undefined : own(config.health.statusBySegment, segment)) ?? config.health.status;
  return score >= bands.green ? 'green' : score >= bands.yellow ? 'yellow' : 'red';
};

const vetoSignals = (facts: Facts) => ({
  urgentTicketsOpen: { value: facts.urgentOpen, text: `${plural(facts.urgentOpen, 'urgent ticket')} open` },
  daysSinceTwoWay: { value: facts.daysSinceTwoWay ?? 0, text: `no two-way touch in ${days(facts.daysSinceTwoWay ?? 0)}` },
  championLeft: { value: facts.championLeftDaysAgo === null ? 0 : 1, text: 'champion left' },
  detractor: { value: facts.latestNps?.item.responseGroup === 'detractor' ? 1 : 0, text: 'latest NPS is a detractor' },
});

/** A critical signal caps the status however good the other components look; the most severe cap wins. */
const applyVetoes = (status: HealthStatus, facts: Facts, config: ScoringConfig): { status: HealthStatus; vetoApplied: string | null } => {
  const signals = vetoSignals(facts);
  let result: { status: HealthStatus; vetoApplied: string | null } = { status, vetoApplied: null };
  for (const veto of config.health.vetoes) {
    const signal = signals[veto.signal];
    if (signal.value >= veto.atLeast && statusRank[veto.capStatus] < statusRank[result.status]) {
      result = { status: veto.capStatus, vetoApplied: `capped at ${veto.capStatus}: ${signal.text}` };
    }
  }
  return result;
};

export const scoreHealth = (input: ComponentInput): HealthResult => {
  const { facts, config } = input;
  const readings = componentKeys.filter((key) => inUse(key, config)).map((key) => ({ key, reading: readers[key](input) }));
  const present = new Set(readings.filter((r) => r.reading.value !== null).map((r) => r.key));
  const weights = redistribute(resolveWeights(config, facts.segment, facts.stage), present);
  const components = readings.map(({ key, reading }): ComponentResult => {
    const value = reading.value === null ? null : round(clamp(reading.value));
    return {
      key, value, weight: round(weights[key], 4), missing: value === null,
      contribution: value === null ? 0 : round(value * weights[key], 2), detail: reading.detail,
    };
  });
  const raw = readings.reduce((sum, { key, reading }) => sum + (reading.value === null ? 0 : clamp(reading.value) * weights[key]), 0);
  const score = round(clamp(raw));
  return { score, components, ...applyVetoes(statusFor(score, config, facts.segment), facts, config) };
};
