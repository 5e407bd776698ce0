import { DAY_MS, clamp, daysBetween, toMs } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';
import { inDays } from '../wording.ts';

/** Expansion lifts it; contraction, a lost renewal or a renewal approaching without a signed renewal lower it. */
export const commercialComponent = ({ snapshot, facts, config }: ComponentInput): Reading => {
  const t = config.health.components.commercial;
  const renewal = toMs(snapshot.company.renewalDate);
  const closed = snapshot.deals.flatMap((d) => {
    const at = toMs(d.closeDate);
    return d.isClosed && at !== null && at <= facts.now ? [{ ...d, at }] : [];
  });
  if (renewal === null && closed.length === 0) return missing('no renewal date or deals');
  const within = (at: number, days: number) => facts.now - at <= days * DAY_MS;
  let value = 70;
  const parts: string[] = [];
  if (closed.some((d) => d.isClosedWon && d.dealType === 'expansion' && within(d.at, t.expansionWithinDays))) {
    value = 100;
    parts.push('expansion won');
  } else if (closed.some((d) => d.isClosedWon && d.dealType === 'renewal' && within(d.at, 365))) {
    value = 80;
    parts.push('renewed in the last year');
  }
  if (closed.some((d) => d.isClosedWon && (d.dealType === 'contraction' || (d.amount ?? 0) < 0) && within(d.at, 365))) {
    value = 30;
    parts.push('contracted');
  }
  if (closed.some((d) => !d.isClosedWon && d.dealType === 'renewal' && within(d.at, 365))) {
    value = 10;
    parts.push('renewal lost');
  }
  if (renewal !== null && renewal >= facts.now && renewal - facts.now <= t.renewalWindowDays * DAY_MS
    && !closed.some((d) => d.isClosedWon && d.dealType === 'renewal' && within(d.at, t.renewalWindowDays))) {
    value -= 20;
    parts.push(`renewal ${inDays(daysBetween(facts.now, renewal))}, not signed`);
  }
  return { value: clamp(value), detail: parts.length > 0 ? parts.join(', ') : 'no commercial change' };
};
