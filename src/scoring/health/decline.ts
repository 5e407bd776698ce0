import { classifyDeals, latestWon } from '../deal-kinds.ts';
import { DAY_MS, clamp, daysBetween, percent, scale, toMs } from '../time.ts';
import type { UsageSeries } from '../usage-series.ts';
import { ago, counted, days } from '../wording.ts';
import { missing } from './component.ts';
import type { ComponentInput, Reading } from './component.ts';

type Sign = { value: number; text: string };

/**
 * A customer showing no sign is judged on the other components alone: the component only ever takes health down, so
 * switching it on moves no card without a sign. Out of the blend then, but no data gap (coverage and the card say so).
 */
export const noDeclineSign = 'no sign of decline';

/** The mean of the points dated after `from` and up to `to`, summed oldest first; null without one. */
const meanOf = (series: UsageSeries, from: number, to: number): number | null => {
  // Oldest first, so those points are a run near the end: found from the end instead of reading the whole series.
  let start = series.length;
  while (start > 0 && series.at[start - 1]! > from) start--;
  let sum = 0;
  let count = 0;
  for (let i = start; i < series.length && series.at[i]! <= to; i++) {
    sum += series.value[i]!;
    count += 1;
  }
  return count === 0 ? null : sum / count;
};

/**
 * Active users of the latest days against the days before them: a customer about to leave stops using the product
 * weeks before the renewal, which the 90-day trend of the usage component blurs with the months before the fall.
 */
const usageDrop = ({ facts, config }: ComponentInput): Sign | null => {
  const t = config.health.components.decline;
  const recentFrom = facts.now - t.usageRecentDays * DAY_MS;
  const recent = meanOf(facts.activeUsers, recentFrom, facts.now);
  const prior = meanOf(facts.activeUsers, recentFrom - t.usagePriorDays * DAY_MS, recentFrom);
  if (recent === null || prior === null) return null;
  // One user is the smallest meaningful base: a drop from nothing is no drop.
  const change = recent / Math.max(prior, 1) - 1;
  if (change >= 0) return { value: 100, text: '' };
  return {
    value: scale(change, -t.usageDropForZero, 0),
    text: `usage down ${percent(-change)} in the last ${days(t.usageRecentDays)} against the ${days(t.usagePriorDays)} before`,
  };
};

const latestContraction = ({ snapshot, facts, config }: ComponentInput): Sign | null => {
  const cut = latestWon(classifyDeals(snapshot.deals, config), 'contraction', facts.now, config.health.components.decline.contractionWithinDays);
  return cut === undefined ? null : { value: 0, text: `contracted ${ago(daysBetween(cut.at, facts.now))} (${cut.how})` };
};

const ticketRun = ({ facts, config }: ComponentInput): Sign | null => {
  const t = config.health.components.decline;
  const from = facts.now - t.ticketWindowDays * DAY_MS;
  const opened = facts.tickets.filter((ticket) => ticket.at > from).length;
  if (opened === 0) return null;
  return { value: clamp(100 - t.ticketPenalty * opened), text: `${counted(opened, 'ticket', 'tickets')} opened in the last ${days(t.ticketWindowDays)}` };
};

/**
 * Signs that a customer is slipping away: usage falling against its own recent past, a contraction signed, a run of
 * tickets. The worst sign decides, since any one of them is reason enough for a CSM to call; the detail names each.
 */
export const declineComponent = (input: ComponentInput): Reading => {
  const { snapshot, facts } = input;
  const dated = (iso: string | null) => { const at = toMs(iso); return at !== null && at <= facts.now; };
  if (facts.activeUsers.length === 0 && !snapshot.deals.some((d) => dated(d.closeDate)) && facts.tickets.length === 0) {
    return missing('no usage, deals or tickets to read');
  }
  const signs = [usageDrop(input), latestContraction(input), ticketRun(input)].filter((s): s is Sign => s !== null);
  const value = Math.min(100, ...signs.map((s) => s.value));
  const texts = signs.filter((s) => s.value < 100).map((s) => s.text);
  return texts.length === 0 ? missing(noDeclineSign) : { value, detail: texts.join('; ') };
};
