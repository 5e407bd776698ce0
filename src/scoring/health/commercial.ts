import { classifyDeals, latestWon, type ClassifiedDeal, type DealKind } from '../deal-kinds.ts';
import { DAY_MS, clamp, daysBetween, toMs } from '../time.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';
import { inDays } from '../wording.ts';

/** Expansion lifts it; contraction, a lost renewal or a renewal approaching without a signed renewal lower it. */
export const commercialComponent = ({ snapshot, facts, config }: ComponentInput): Reading => {
  const t = config.health.components.commercial;
  const renewal = toMs(snapshot.company.renewalDate);
  const closed = classifyDeals(snapshot.deals, config).filter((d): d is ClassifiedDeal & { at: number } => d.isClosed && d.at !== null && d.at <= facts.now);
  if (renewal === null && closed.length === 0) return missing('no renewal date or deals');
  const within = (at: number, days: number) => facts.now - at <= days * DAY_MS;
  const won = (kind: DealKind, days: number) => latestWon(closed, kind, facts.now, days);
  let value = 70;
  const parts: string[] = [];
  const expansion = won('expansion', t.expansionWithinDays);
  const renewed = won('renewal', 365);
  if (expansion) {
    value = 100;
    parts.push(`expansion won (${expansion.how})`);
  } else if (renewed) {
    value = 80;
    parts.push(`renewed in the last year (${renewed.how})`);
  }
  const contraction = won('contraction', 365);
  if (contraction) {
    value = 30;
    parts.push(`contracted (${contraction.how})`);
  }
  if (closed.some((d) => !d.isClosedWon && d.kind === 'renewal' && within(d.at, 365))) {
    value = 10;
    parts.push('renewal lost');
  }
  const signed = closed.some((d) => d.isClosedWon && (d.kind === 'renewal' || d.kind === 'expansion') && within(d.at, t.renewalWindowDays));
  if (renewal !== null && renewal >= facts.now && renewal - facts.now <= t.renewalWindowDays * DAY_MS && !signed) {
    value -= 20;
    parts.push(`renewal ${inDays(daysBetween(facts.now, renewal))}, not signed`);
  }
  return { value: clamp(value), detail: parts.length > 0 ? parts.join(', ') : 'no commercial change' };
};
