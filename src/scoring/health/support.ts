import { DAY_MS, clamp, plural } from '../time.ts';
import type { ComponentInput, Reading } from './component.ts';
import { days } from '../wording.ts';

/** Some support contact is healthy; open urgent tickets and tickets left open for long are not. */
export const supportComponent = ({ facts, config }: ComponentInput): Reading => {
  const t = config.health.components.support;
  const open = facts.openTickets;
  if (open.length === 0) return { value: 100, detail: 'no open tickets' };
  const stale = open.filter((ticket) => facts.now - ticket.at > t.staleAfterDays * DAY_MS).length;
  const other = open.length - facts.urgentOpen;
  const value = clamp(100 - t.urgentPenalty * facts.urgentOpen - t.openPenalty * other - t.stalePenalty * stale);
  const parts = [
    facts.urgentOpen > 0 ? `${plural(facts.urgentOpen, 'urgent ticket')} open` : `${plural(open.length, 'ticket')} open`,
    ...(stale > 0 ? [`${stale} open for over ${days(t.staleAfterDays)}`] : []),
  ];
  return { value, detail: parts.join(', ') };
};
