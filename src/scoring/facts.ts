import type { LifecycleStage, ScoringConfig } from './config.schema.ts';
import type { CompanySnapshot, SnapshotEngagement, SnapshotFeedback, SnapshotTicket } from './snapshot.schema.ts';
import { DAY_MS, daysBetween, toMs } from './time.ts';
import { compilePattern, type Pattern } from './pattern.ts';
import { own } from './own.ts';

export type Dated<T> = T & { at: number };
export type UsageSample = { at: number; value: number };

/** What the rules read, derived once per company; everything after `now` is ignored. */
export type Facts = {
  now: number;
  segment: string;
  stage: LifecycleStage;
  startMs: number | null;
  engagements: Dated<SnapshotEngagement>[];
  inbound: Dated<SnapshotEngagement>[];
  /** Each usage metric's points up to now, oldest first: read once here, shared by every rule that looks at usage. */
  usage: ReadonlyMap<string, UsageSample[]>;
  activeUsers: UsageSample[];
  currentActiveUsers: number | null;
  depth: number | null;
  /** Relative change of active users across the vector window, from a least-squares line; null without enough points. */
  usageChange: number | null;
  daysSinceTwoWay: number | null;
  openTickets: SnapshotTicket[];
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
const dated = <T>(items: readonly T[], when: (item: T) => string | null, now: number): Dated<T>[] => {
  const out: Dated<T>[] = [];
  for (const item of items) {
    const at = toMs(when(item));
    if (at !== null && at <= now) out.push({ ...item, at });
  }
  return out.sort(byTime);
};

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

const usageByMetric = (points: CompanySnapshot['usage']): Map<string, UsageSample[]> => {
  const series = new Map<string, UsageSample[]>();
  let ordered = true;
  for (const p of points) {
    const at = toMs(p.date);
    if (at === null) continue;
    const list = series.get(p.metric);
    if (list === undefined) series.set(p.metric, [{ at, value: p.value }]);
    else {
      ordered &&= list[list.length - 1]!.at <= at;
      list.push({ at, value: p.value });
    }
  }
  // The store hands usage over in day order; sorting (stable, so equal days keep their order) only when it is not.
  if (!ordered) for (const list of series.values()) list.sort(byTime);
  return series;
};

/**
 * A company's dated history with every timestamp read once, oldest first, undated items left out. The facts at any
 * moment are a prefix of it, so the churn probes' as-of views (whose engagements, surveys and usage are exactly the
 * ones dated by their moment) read the same timeline instead of parsing and sorting it again.
 */
export type Timeline = {
  engagements: Dated<SnapshotEngagement>[];
  feedback: Dated<SnapshotFeedback>[];
  usage: ReadonlyMap<string, UsageSample[]>;
};

export const timelineOf = (snapshot: CompanySnapshot): Timeline => ({
  engagements: dated(snapshot.engagements, (e) => e.timestamp, Infinity),
  feedback: dated(snapshot.feedback, (f) => f.submittedAt, Infinity),
  usage: usageByMetric(snapshot.usage),
});


// Sums in the same order as a plain filter-map-reduce would, so the figures are the same to the last bit.
const relativeChange = (samples: UsageSample[], fromMs: number): number | null => {
  let from = 0;
  while (from < samples.length && samples[from]!.at < fromMs) from++;
  const count = samples.length - from;
  if (count < 2) return null;
  const first = samples[from]!.at;
  const last = samples[samples.length - 1]!.at;
  if (last - first < 7 * DAY_MS) return null;
  let sumX = 0;
  let sumY = 0;
  for (let i = from; i < samples.length; i++) {
    sumX += (samples[i]!.at - first) / DAY_MS;
    sumY += samples[i]!.value;
  }
  const meanX = sumX / count;
  const meanY = sumY / count;
  let num = 0;
  let den = 0;
  for (let i = from; i < samples.length; i++) {
    const dx = (samples[i]!.at - first) / DAY_MS - meanX;
    num += dx * (samples[i]!.value - meanY);
    den += dx ** 2;
  }
  const slope = num / den;
  const start = meanY - slope * meanX;
  const end = start + slope * ((last - first) / DAY_MS);
  // Rising from (almost) nothing would divide by ~0; one user is the smallest meaningful base.
  return Math.min(5, Math.max(-1, (end - start) / Math.max(Math.abs(start), 1)));
};

/** `timeline`: this snapshot's, or that of the snapshot it is an as-of view of at `nowDate` (see Timeline). */
export const deriveFacts = (snapshot: CompanySnapshot, config: ScoringConfig, nowDate: Date, timeline: Timeline = timelineOf(snapshot)): Facts => {
  const now = nowDate.getTime();
  const { company } = snapshot;
  const startMs = toMs(company.contractStartDate) ?? toMs(company.createdAt);
  const stage: LifecycleStage = startMs !== null && startMs <= now && now - startMs < config.lifecycle.onboardingDays * DAY_MS
    ? 'onboarding' : 'established';
  const engagements = upTo(timeline.engagements, now);
  const inbound = engagements.filter((e) => isInbound(e, config));
  const usage = new Map([...timeline.usage].map(([metric, points]) => [metric, upTo(points, now)]));
  const activeUsers = usage.get(config.usage.activeUsersMetric) ?? [];
  const currentActiveUsers = activeUsers.length > 0 ? activeUsers[activeUsers.length - 1]!.value : company.activeUsers30d;
  const depth = currentActiveUsers !== null && company.seats ? currentActiveUsers / company.seats : null;
  const tickets = dated(snapshot.tickets, (t) => t.createdAt, now);
  const openTickets = tickets.filter((t) => { const closed = toMs(t.closedAt); return closed === null || closed > now; });
  const surveys = upTo(timeline.feedback, now);
  const nps = surveys.filter((s) => s.surveyType === 'NPS');
  const lastUsed = activeUsers.findLast((s) => s.value > 0)?.at
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
    openTickets,
    urgentOpen: openTickets.filter((t) => t.priority === 'HIGH' || t.priority === 'URGENT').length,
    surveys,
    latestNps: nps.at(-1) ?? null,
    executives: snapshot.contacts.filter((c) => !c.leftCompany && c.jobTitle !== null && executivePattern.test(c.jobTitle)),
    championLeftDaysAgo: departed.length > 0 ? daysBetween(Math.max(...departed), now) : null,
    roleChange: latestRoleChange(snapshot.contacts, executivePattern, config.health.components.relationship.championLeftWithinDays, now),
  };
};
