import { z } from 'zod';
import type { ScoringConfig } from './config.schema.ts';
import { classifyDeals } from './deal-kinds.ts';
import { deriveFacts } from './facts.ts';
import type { FitValue, ScoreCard } from './score-card.schema.ts';
import type { CompanySnapshot } from './snapshot.schema.ts';
import { DAY_MS, daysBetween, round, toMs } from './time.ts';

// The seeds' leading-indicators advice: study the customers who stay and grow, not the ones who churned. A star
// pupil is a good-fit customer who renewed or expanded; a portal with no renewal or expansion on record yet falls
// back to good-fit customers retained a year or more and healthy (green) today.

const CADENCE_WINDOW_DAYS = 90;
const RETAINED_DAYS = 365;

/** What the profile needs of one customer, read from its snapshot and its card scored at the same moment. */
export interface PupilObservation {
  segment: string;
  fit: FitValue;
  status: 'green' | 'yellow' | 'red';
  churned: boolean;
  /** A renewal or an expansion won. */
  grew: boolean;
  tenureDays: number | null;
  /** Days from the customer's start to each milestone it reached. */
  milestoneDays: Record<string, number>;
  /** Active users over seats, 0-1 or more. */
  usageDepth: number | null;
  /** Key features used (the portal's property), else distinct usage metrics seen in the last 30 days. */
  usageBreadth: number | null;
  /** Two-way touches (any logged engagement) per 30 days over the last 90. */
  touchesPer30Days: number;
  /** Usage metrics with a value above zero in the last 30 days. */
  features: string[];
}

export interface SegmentProfile {
  segment: string;
  pupils: number;
  /** Median days from start to each milestone, among the pupils that reached it; null when none did. */
  medianDaysTo: Record<string, number | null>;
  /** Median days to the config's first-value milestone. */
  timeToFirstValueDays: number | null;
  usageDepth: number | null;
  usageBreadth: number | null;
  touchesPer30Days: number | null;
  /** Usage metrics the pupils use, with the share of pupils using each, most used first. */
  features: Array<{ feature: string; share: number }>;
}

export interface StarPupilProfile {
  /** Who counted as a star pupil: customers who renewed or expanded, or (lacking those labels) retained and healthy. */
  basis: 'renewed_or_expanded' | 'retained_healthy';
  computedAt: string;
  segments: SegmentProfile[];
  /** Every segment's pupils together (segment 'all'): what the settings page proposes as milestone expected days. */
  overall: SegmentProfile | null;
}

const nullableNumber = z.number().nullable();
const segmentProfileSchema = z.object({
  segment: z.string(),
  pupils: z.number().int().nonnegative(),
  medianDaysTo: z.record(z.string(), nullableNumber),
  timeToFirstValueDays: nullableNumber,
  usageDepth: nullableNumber,
  usageBreadth: nullableNumber,
  touchesPer30Days: nullableNumber,
  features: z.array(z.object({ feature: z.string(), share: z.number().min(0).max(1) })),
});
/** The profile as stored and as the star-pupils endpoint answers it. */
export const starPupilProfileSchema = z.object({
  basis: z.enum(['renewed_or_expanded', 'retained_healthy']),
  computedAt: z.string(),
  segments: z.array(segmentProfileSchema),
  overall: segmentProfileSchema.nullable(),
}) satisfies z.ZodType<StarPupilProfile>;

export const observePupil = (snapshot: CompanySnapshot, card: ScoreCard, config: ScoringConfig, now: Date): PupilObservation => {
  const facts = deriveFacts(snapshot, config, now);
  const at = now.getTime();
  const start = facts.startMs;
  const milestoneDays: Record<string, number> = {};
  for (const m of card.milestones) {
    const done = toMs(m.doneAt);
    if (m.state === 'done' && done !== null && start !== null) milestoneDays[m.key] = Math.max(0, daysBetween(start, done));
  }
  const recent = snapshot.usage.filter((p) => { const ms = toMs(p.date); return ms !== null && ms <= at && at - ms <= 30 * DAY_MS && p.value > 0; });
  const features = [...new Set(recent.map((p) => p.metric))].sort();
  const touches = facts.engagements.filter((e) => at - e.at <= CADENCE_WINDOW_DAYS * DAY_MS).length;
  return {
    segment: card.segment,
    fit: card.fit.value,
    status: card.health.status,
    churned: card.churn !== null,
    grew: classifyDeals(snapshot.deals, config).some((d) => d.isClosedWon && (d.kind === 'renewal' || d.kind === 'expansion') && d.at !== null && d.at <= at),
    tenureDays: start === null || start > at ? null : daysBetween(start, at),
    milestoneDays,
    usageDepth: facts.depth,
    usageBreadth: snapshot.company.keyFeaturesUsed ?? (features.length > 0 ? features.length : null),
    touchesPer30Days: round(touches / (CADENCE_WINDOW_DAYS / 30), 1),
    features,
  };
};

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const present = (values: ReadonlyArray<number | null>): number[] => values.filter((v): v is number => v !== null);

/** The star pupils' profile per segment (segments in the config's order; a segment without pupils is left out). */
export const starPupilProfile = (observations: readonly PupilObservation[], config: ScoringConfig, now: Date): StarPupilProfile => {
  const candidates = observations.filter((o) => o.fit === 'good' && !o.churned);
  const labelled = candidates.some((o) => o.grew);
  const pupils = labelled
    ? candidates.filter((o) => o.grew)
    : candidates.filter((o) => o.status === 'green' && o.tenureDays !== null && o.tenureDays >= RETAINED_DAYS);
  const firstValue = config.milestones.items.find((m) => m.firstValue)?.key ?? null;
  const profileOf = (segment: string, group: readonly PupilObservation[]): SegmentProfile => {
    const medianDaysTo = Object.fromEntries(config.milestones.items.map((m) => [m.key, median(present(group.map((p) => p.milestoneDays[m.key] ?? null)))]));
    const counts = new Map<string, number>();
    for (const p of group) for (const f of p.features) counts.set(f, (counts.get(f) ?? 0) + 1);
    const depth = median(present(group.map((p) => p.usageDepth)));
    return {
      segment,
      pupils: group.length,
      medianDaysTo,
      timeToFirstValueDays: firstValue === null ? null : medianDaysTo[firstValue] ?? null,
      usageDepth: depth === null ? null : round(depth, 2),
      usageBreadth: median(present(group.map((p) => p.usageBreadth))),
      touchesPer30Days: median(group.map((p) => p.touchesPer30Days)),
      features: [...counts].map(([feature, n]) => ({ feature, share: round(n / group.length, 2) }))
        .sort((a, b) => b.share - a.share || a.feature.localeCompare(b.feature)),
    };
  };
  const segments = config.segments.flatMap(({ key }) => {
    const group = pupils.filter((p) => p.segment === key);
    return group.length === 0 ? [] : [profileOf(key, group)];
  });
  return {
    basis: labelled ? 'renewed_or_expanded' : 'retained_healthy', computedAt: now.toISOString(), segments,
    overall: pupils.length === 0 ? null : profileOf('all', pupils),
  };
};

/**
 * The card's line against the star pupils of the customer's segment, about time to first value: null when the
 * segment has no pupils who reached it, or the config has no first-value milestone.
 */
export const compareWithStarPupils = (
  card: Pick<ScoreCard, 'segment' | 'milestones' | 'timeToFirstValueDays' | 'scoredAt'>, profile: StarPupilProfile | null, config: ScoringConfig,
): string | null => {
  const benchmark = profile?.segments.find((s) => s.segment === card.segment)?.timeToFirstValueDays ?? null;
  const item = config.milestones.items.find((m) => m.firstValue);
  if (benchmark === null || !item) return null;
  const target = Math.round(benchmark);
  const lead = `star pupils reach first value by day ${target}`;
  if (card.timeToFirstValueDays !== null) {
    const days = card.timeToFirstValueDays;
    return `${lead}; this customer reached it on day ${days}${days > target ? `, ${days - target} days later` : ''}`;
  }
  // The card's milestone carries its expected date (start + expected days), which dates the customer's start.
  const expectedBy = toMs(card.milestones.find((m) => m.key === item.key)?.expectedBy ?? null);
  const scoredAt = toMs(card.scoredAt);
  if (expectedBy === null || scoredAt === null) return `${lead}; this customer has not reached it yet`;
  const day = daysBetween(expectedBy - item.expectedDays * DAY_MS, scoredAt);
  return `${lead}; this customer is on day ${day} without it`;
};
