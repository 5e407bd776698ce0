import type { LifecycleStage, ScoringConfig } from './config.schema.ts';
import type { CompanySnapshot, SnapshotEngagement, SnapshotFeedback, SnapshotTicket } from './snapshot.schema.ts';
import { DAY_MS, daysBetween, toMs } from './time.ts';
import { compilePattern, type Pattern } from './pattern.ts';
import { own } from './own.ts';
import { lastAt, noUsage, relativeChange, usageByMetric, usageUpTo, type UsageSeries } from './usage-series.ts';

/** An item beside its time, read once: a reference to the item rather than a copy of it with the time added. */
export type Dated<T> = { readonly at: number; readonly item: T };

/** What the rules read, derived once per company; everything after `now` is ignored. */
export type Facts = {
  now: number;
  segment: string;
  stage: LifecycleStage;
  startMs: number | null;
  engagements: Dated<SnapshotEngagement>[];
  inbound: Dated<SnapshotEngagement>[];
  /** Each usage metric's points up to now, oldest first: read once here, shared by every rule that looks at usage. */
  usage: ReadonlyMap<string, UsageSeries>;
  activeUsers: UsageSeries;
  currentActiveUsers: number | null;
  depth: number | null;
  /** Relative change of active users across the vector window, from a least-squares line; null without enough points. */
  usageChange: number | null;
  daysSinceTwoWay: number | null;
  /** Tickets opened by now, oldest first. */
  tickets: Dated<SnapshotTicket>[];
  openTickets: Dated<SnapshotTicket>[];
  urgentOpen: number;
  surveys: Dated<SnapshotFeedback>[];
  latestNps: Dated<SnapshotFeedback> | null;
  executives: CompanySnapshot['contacts'];
  championLeftDaysAgo: number | null;
  /** The latest job-title change of a champion or sponsor still at the company, within the champion-left window. */
  roleChange: RoleChange | null;
};

export type RoleChange = { daysAgo: number; from: string; to: string | null };

/** HubSpot Buying roles that make a contact the champion or a sponsor. */
const keyRoles = ['CHAMPION', 'EXECUTIVE_SPONSOR', 'DECISION_MAKER', 'BUDGET_HOLDER'];

/**
 * A champion or sponsor (by Buying role, or an executive by the title they held) whose title changed may have moved
 * to a role that no longer carries the relationship: a stock portal's only sign short of them leaving.
 */
const latestRoleChange = (contacts: CompanySnapshot['contacts'], executive: Pattern, withinDays: number, now: number): RoleChange | null => {
  const changes = contacts.flatMap((c) => {
    const at = toMs(c.jobTitleChangedAt ?? null);
    const from = c.previousJobTitle ?? null;
    if (c.leftCompany || from === null || at === null || at > now || now - at > withinDays * DAY_MS) return [];
    const keyRole = (c.buyingRoles ?? []).some((r) => keyRoles.includes(r.toUpperCase())) || executive.test(from);
    return keyRole ? [{ at, change: { daysAgo: daysBetween(at, now), from, to: c.jobTitle } }] : [];
  });
  return changes.sort((a, b) => b.at - a.at)[0]?.change ?? null;
};

export const segmentOf = (company: CompanySnapshot['company'], config: ScoringConfig): string => {
  const last = config.segments[config.segments.length - 1]!;
  const { property, valuesBySegment } = config.segmentBy;
  if (property !== null) {
    const value = own(company.properties, property) ?? null;
    const found = value === null ? undefined : config.segments.find((s) => own(valuesBySegment, s.key)?.includes(value));
    return (found ?? last).key;
  }
  const found = config.segments.find((s) => s.maxArr === null || (company.arr ?? 0) < s.maxArr);
  return (found ?? last).key;
};

/**
 * A meeting whose start has passed (facts drop anything later than now) was held unless its outcome says it was
 * not: most portals never set hs_meeting_outcome, and HubSpot leaves booked meetings at SCHEDULED.
 */
export const isMeetingHeld = (e: SnapshotEngagement, config: ScoringConfig): boolean => {
  if (e.kind !== 'meeting') return false;
  const { requireCompleted, notHeldOutcomes } = config.meetings;
  return requireCompleted ? e.outcome === 'COMPLETED' : !notHeldOutcomes.includes(e.outcome ?? '');
};

/** A two-way touch: the customer wrote, called or met with us. */
export const isInbound = (e: SnapshotEngagement, config: ScoringConfig): boolean =>
  ((e.kind === 'email' || e.kind === 'call') && e.direction === 'inbound') || isMeetingHeld(e, config);

const byTime = <T extends { at: number }>(a: T, b: T) => a.at - b.at;

// A loop rather than flatMap: no one-item array per item for the collector to sweep.
const dated = <T>(items: readonly T[], times: readonly number[], now: number): Dated<T>[] => {
  const out: Dated<T>[] = [];
  for (let i = 0; i < items.length; i++) {
    const at = times[i]!;
    if (at <= now) out.push({ at, item: items[i]! });
  }
  return out.sort(byTime);
};

/** Each item's time, index for index; NaN (later than any moment, earlier than none) when it has none. */
const timesOf = <T>(items: readonly T[], when: (item: T) => string | null): number[] => items.map((item) => toMs(when(item)) ?? Number.NaN);

/** How many of the items (oldest first) are dated no later than `at`. */
const countUpTo = (items: readonly { at: number }[], at: number): number => {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid]!.at <= at) low = mid + 1;
    else high = mid;
  }
  return low;
};

/** The items (oldest first) dated no later than `at`: the list itself when that is all of them. */
const upTo = <T extends { at: number }>(items: T[], at: number): T[] => {
  const count = countUpTo(items, at);
  return count === items.length ? items : items.slice(0, count);
};

/** The time of each engagement, survey and usage point, index for index with the snapshot's lists (see timesOf). */
export type HistoryTimes = { engagements: number[]; feedback: number[]; usage: number[] };

export const historyTimes = (snapshot: CompanySnapshot): HistoryTimes => ({
  engagements: timesOf(snapshot.engagements, (e) => e.timestamp),
  feedback: timesOf(snapshot.feedback, (f) => f.submittedAt),
  usage: timesOf(snapshot.usage, (p) => p.date),
});

/**
 * A company's dated history with every timestamp read once, oldest first, undated items left out. The facts at any
 * moment are a prefix of it, so the churn probes' as-of views (whose engagements, surveys and usage are exactly the
 * ones dated by their moment, cut by `times`) read the same timeline instead of parsing and sorting it again.
 */
export type Timeline = {
  times: HistoryTimes;
  engagements: Dated<SnapshotEngagement>[];
  feedback: Dated<SnapshotFeedback>[];
  usage: ReadonlyMap<string, UsageSeries>;
};

export const timelineOf = (snapshot: CompanySnapshot): Timeline => {
  const times = historyTimes(snapshot);
  return {
    times,
    engagements: dated(snapshot.engagements, times.engagements, Infinity),
    feedback: dated(snapshot.feedback, times.feedback, Infinity),
    usage: usageByMetric(snapshot.usage, times.usage),
  };
};

/** `timeline`: this snapshot's, or that of the snapshot it is an as-of view of at `nowDate` (see Timeline). */
export const deriveFacts = (snapshot: CompanySnapshot, config: ScoringConfig, nowDate: Date, timeline: Timeline = timelineOf(snapshot)): Facts => {
  const now = nowDate.getTime();
  const { company } = snapshot;
  const startMs = toMs(company.contractStartDate) ?? toMs(company.createdAt);
  const stage: LifecycleStage = startMs !== null && startMs <= now && now - startMs < config.lifecycle.onboardingDays * DAY_MS
    ? 'onboarding' : 'established';
  const engagements = upTo(timeline.engagements, now);
  const inbound = engagements.filter((e) => isInbound(e.item, config));
  const usage = new Map<string, UsageSeries>();
  for (const [metric, series] of timeline.usage) usage.set(metric, usageUpTo(series, now));
  const activeUsers = usage.get(config.usage.activeUsersMetric) ?? noUsage;
  const currentActiveUsers = activeUsers.length > 0 ? activeUsers.value[activeUsers.length - 1]! : company.activeUsers30d;
  const depth = currentActiveUsers !== null && company.seats ? currentActiveUsers / company.seats : null;
  const tickets = dated(snapshot.tickets, timesOf(snapshot.tickets, (t) => t.createdAt), now);
  const openTickets = tickets.filter((t) => { const closed = toMs(t.item.closedAt); return closed === null || closed > now; });
  const surveys = upTo(timeline.feedback, now);
  const nps = surveys.filter((s) => s.item.surveyType === 'NPS');
  const lastUsed = lastAt(activeUsers, (value) => value > 0)
    ?? (activeUsers.length === 0 && (company.activeUsers30d ?? 0) > 0 ? now : null);
  const signals = [inbound.at(-1)?.at, tickets.at(-1)?.at, surveys.at(-1)?.at, lastUsed].filter((v): v is number => v != null);
  const lastTwoWay = signals.length > 0 ? Math.max(...signals) : startMs !== null && startMs <= now ? startMs : null;
  const executivePattern = compilePattern(config.health.components.relationship.executiveTitlePattern);
  const departed = snapshot.contacts
    .filter((c) => c.leftCompany)
    .map((c) => toMs(c.updatedAt) ?? now)
    .filter((at) => at <= now && now - at <= config.health.components.relationship.championLeftWithinDays * DAY_MS);
  return {
    now,
    segment: segmentOf(company, config),
    stage,
    startMs,
    engagements,
    usage,
    inbound,
    activeUsers,
    currentActiveUsers,
    depth,
    usageChange: relativeChange(activeUsers, now - config.vector.windowDays * DAY_MS),
    daysSinceTwoWay: lastTwoWay === null ? null : daysBetween(lastTwoWay, now),
    tickets,
    openTickets,
    urgentOpen: openTickets.filter((t) => t.item.priority === 'HIGH' || t.item.priority === 'URGENT').length,
    surveys,
    latestNps: nps.at(-1) ?? null,
    executives: snapshot.contacts.filter((c) => !c.leftCompany && c.jobTitle !== null && executivePattern.test(c.jobTitle)),
    championLeftDaysAgo: departed.length > 0 ? daysBetween(Math.max(...departed), now) : null,
    roleChange: latestRoleChange(snapshot.contacts, executivePattern, config.health.components.relationship.championLeftWithinDays, now),
  };
};
