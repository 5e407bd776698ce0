import { DAY_MS, clamp, daysBetween, scale } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';
import { ago, days as dayCount } from '../wording.ts';

/** Recency and volume of the customer's own touches (inbound email or call, completed meeting). */
export const engagementComponent = ({ facts, config }: ComponentInput): Reading => {
  const t = config.health.components.engagement;
  if (facts.engagements.length === 0) return missing('no engagement logged');
  const last = facts.inbound.at(-1);
  const since = facts.now - t.windowDays * DAY_MS;
  const recent = facts.inbound.filter((e) => e.at >= since).length;
  const recency = last === undefined ? 0 : scale(daysBetween(last.at, facts.now), t.zeroAfterDays, t.fullWithinDays);
  const volume = t.inboundForFull === 0 ? 100 : clamp((recent / t.inboundForFull) * 100);
  const days = last === undefined ? null : daysBetween(last.at, facts.now);
  const detail = days === null ? 'no inbound touch on record'
    : days <= t.fullWithinDays ? `last inbound touch ${ago(days)}, ${recent} in the last ${dayCount(t.windowDays)}`
      : `no inbound touch in ${dayCount(days)}`;
  return { value: (1 - t.volumeShare) * recency + t.volumeShare * volume, detail };
};
