import type { CompanySnapshot, DesiredOutcome } from './snapshot.schema.ts';
import { own } from './own.ts';
import { round, toMs } from './time.ts';

export const valueLevels = ['none', 'partial', 'full'] as const;
export type ValueLevel = (typeof valueLevels)[number];

export type ValueRealised = { level: ValueLevel; percent: number };

/**
 * How far the current value has come from the baseline towards the target, in either direction (a target below
 * the baseline is a reduction: support hours from 40 to 10). At or past the target is full, any way forward is
 * partial, none at or behind the baseline; the percentage is capped to 0-100. Null while the current value is unknown.
 */
export const valueRealised = (baseline: number, target: number, current: number | null): ValueRealised | null => {
  if (current === null || !Number.isFinite(current) || target === baseline) return null;
  const share = (current - baseline) / (target - baseline);
  const percent = round(Math.min(100, Math.max(0, share * 100)));
  return { level: share >= 1 ? 'full' : share > 0 ? 'partial' : 'none', percent };
};

const numberIn = (text: string | null | undefined): number | null => {
  if (text === null || text === undefined || text.trim() === '') return null;
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
};

/** The metric's value now: the mapped company property as synced, or the usage metric's latest point by `now`. */
export const currentValue = (outcome: DesiredOutcome, snapshot: CompanySnapshot, now: number): { value: number | null; source: string } => {
  if (outcome.source.kind === 'property') {
    return { value: numberIn(own(snapshot.company.properties, outcome.source.property)), source: `company property ${outcome.source.property}` };
  }
  const metric = outcome.source.metric;
  let latest: { at: number; value: number } | null = null;
  for (const point of snapshot.usage) {
    const at = toMs(point.date);
    if (point.metric === metric && at !== null && at <= now && (latest === null || at >= latest.at)) latest = { at, value: point.value };
  }
  return { value: latest?.value ?? null, source: `usage metric ${metric}` };
};

/** The card's view of the customer's desired outcome: what was agreed, where it stands and how much value that is. */
export const scoreValueRealised = (snapshot: CompanySnapshot, now: number) => {
  const outcome = snapshot.desiredOutcome;
  // Scored as of a day before it was agreed, the customer had no desired outcome on record yet.
  if (outcome === null || outcome === undefined || (toMs(outcome.setAt) ?? now) > now) return null;
  const current = currentValue(outcome, snapshot, now);
  const realised = valueRealised(outcome.baseline, outcome.target, current.value);
  return {
    outcome: outcome.outcome, metric: outcome.metric, source: outcome.source, baseline: outcome.baseline, target: outcome.target,
    targetDate: outcome.targetDate, current: current.value, currentSource: current.source,
    level: realised?.level ?? null, percent: realised?.percent ?? null, setBy: outcome.setBy, setAt: outcome.setAt,
  };
};
